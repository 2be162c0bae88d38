#pragma once
// Loads catalog.json off the GUI thread, on request and whenever the backup
// directory changes (another console or `e2ictl backup` added an entry). The
// catalog is replaced by a rename, so the directory is watched, not the file;
// bursts of changes are folded into one load, and a newer load makes the
// result of an older one drop.
#include "common/BackgroundJob.h"
#include "backup/BackupEntry.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

namespace e2i {

class BackupCatalogLoader : public QObject
{
    Q_OBJECT
public:
    explicit BackupCatalogLoader(QString directory, QObject *parent = nullptr);

    void reload();
    const QString &directory() const { return m_directory; }

signals:
    void loaded(const QList<e2i::BackupEntry> &entries);
    // The message names the file, line and field (BackupCatalog::load).
    void loadFailed(const QString &message);

private:
    void watchDirectory();

    QString m_directory;
    BackgroundJob m_job;
    QFileSystemWatcher m_watcher;
    QTimer m_settle;
};

} // namespace e2i
