#pragma once
// The catalog: catalog.json in the backup directory, one entry per backup
// attempt, rewritten atomically (AtomicFileWriter) after every change so a
// crash leaves either the old or the new catalog, never a torn one.
#include "BackupEntry.h"

#include <QList>
#include <QString>

namespace e2i {

class BackupCatalog
{
public:
    static constexpr auto kFileName = "catalog.json";
    static constexpr auto kLockFileName = "catalog.lock"; // held while a process changes the catalog (QLockFile)

    explicit BackupCatalog(QString directory);

    // A missing catalog is an empty one; a damaged one is an error naming the file, line and field.
    bool load(QString *error);
    bool save(QString *error) const;

    const QString &directory() const { return m_directory; }
    QString path() const;
    QString filePath(const QString &relative) const;
    const QList<BackupEntry> &entries() const { return m_entries; }
    const BackupEntry *find(const QString &id) const;
    void append(const BackupEntry &entry) { m_entries.append(entry); }

    // Keeps the newest `keepPerTarget` entries of every target and, beyond them,
    // the newest verified one, so a run of failures never leaves a target without
    // a good backup. Returns the dropped entries; their files stay until
    // removeFiles(), which callers run after save() so the catalog never names a
    // deleted file.
    QList<BackupEntry> applyRetention(int keepPerTarget);
    void removeFiles(const QList<BackupEntry> &entries) const;

private:
    QString m_directory;
    QList<BackupEntry> m_entries;
};

} // namespace e2i
