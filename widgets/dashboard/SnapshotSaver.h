#pragma once
// Saves the window's snapshot (the PNG and its JSON sidecar) under a timestamped
// name in the snapshot folder, encoding and writing on the thread pool so the
// window keeps painting; says how it went through message().
#include <QDateTime>
#include <QImage>
#include <QJsonObject>
#include <QObject>

namespace e2i {

class SnapshotSaver : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    void save(const QImage &image, const QJsonObject &json, const QString &directory, const QString &environment,
              const QDateTime &sampledAt);

signals:
    void message(const QString &text, int timeoutMs);
};

} // namespace e2i
