#include "BackupCatalogLoader.h"

#include "backup/BackupCatalog.h"

#include <QFileInfo>

namespace e2i {
namespace {
constexpr int kSettleMs = 250;
} // namespace

BackupCatalogLoader::BackupCatalogLoader(QString directory, QObject *parent)
    : QObject(parent)
    , m_directory(std::move(directory))
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    connect(&m_settle, &QTimer::timeout, this, &BackupCatalogLoader::reload);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { m_settle.start(); });
    watchDirectory();
}

void BackupCatalogLoader::watchDirectory()
{
    // A directory that does not exist yet is created by the first backup; the reload after it watches it.
    if (!m_watcher.directories().contains(m_directory) && QFileInfo(m_directory).isDir())
        m_watcher.addPath(m_directory);
}

void BackupCatalogLoader::reload()
{
    watchDirectory();
    m_job.run(this, [directory = m_directory](const JobHandle<BackupCatalogLoader> &job) {
        BackupCatalog catalog(directory);
        QString error;
        const bool ok = catalog.load(&error);
        job.finish([ok, error, entries = catalog.entries()](BackupCatalogLoader &loader) {
            if (ok)
                emit loader.loaded(entries);
            else
                emit loader.loadFailed(error);
        });
    });
}

} // namespace e2i
