#include "SnapshotSaver.h"

#include "SnapshotWriter.h"

#include <QDir>
#include <QFutureWatcher>
#include <QtConcurrent>

namespace e2i {
namespace {

constexpr int kMessageMs = 8000;

} // namespace

void SnapshotSaver::save(const QImage &image, const QJsonObject &json, const QString &directory,
                         const QString &environment, const QDateTime &sampledAt)
{
    if (!QDir().mkpath(directory)) {
        emit message(tr("Cannot create snapshot folder %1").arg(directory), kMessageMs);
        return;
    }
    const QString base = QDir(directory).filePath(SnapshotWriter::timestampedName(environment, sampledAt));
    auto future = QtConcurrent::run([image, json, base] {
        return SnapshotWriter::write(image, base + QStringLiteral(".png"), json, base + QStringLiteral(".json"));
    });
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, base] {
        const QString error = watcher->result();
        emit message(error.isEmpty() ? tr("Snapshot saved: %1.png").arg(base) : error, kMessageMs);
        watcher->deleteLater();
    });
    watcher->setFuture(future);
}

} // namespace e2i
