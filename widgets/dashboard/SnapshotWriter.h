#pragma once
// Writes a snapshot: the PNG and, when asked, its JSON sidecar. Both are
// written to temporary files first and renamed into place only when both are
// complete, so a failure never leaves a half-written image or a lone sidecar.
#include <QImage>
#include <QJsonObject>
#include <QString>

namespace e2i {

class SnapshotWriter
{
public:
    // Empty on success, else a one-line reason naming the file.
    static QString write(const QImage &image, const QString &pngPath, const QJsonObject &json, const QString &jsonPath);
    // Checks a destination before any sampling is done: its folder exists and is writable.
    static QString checkWritable(const QString &path);
    static QString timestampedName(const QString &environment, const QDateTime &time);
};

} // namespace e2i
