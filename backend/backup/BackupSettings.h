#pragma once
// What a backup run needs: where backups go, how many to keep, who and which
// environment they are recorded for, and the targets (BackupConfigLoader).
#include "BackupTarget.h"

#include <QList>
#include <QString>

namespace e2i {

struct BackupSettings {
    QString directory;     // the catalog and every backup file live here
    int keepPerTarget = 7; // retention; the newest verified backup is kept beyond it
    int maxAgeHours = 24;  // the panel flags a target with no verified backup younger than this
    int idleTimeoutMs = 30'000; // a replication stream silent this long is abandoned
    // The console and e2ictl may record into one catalog at once: each holds
    // catalog.lock while it reads, changes and rewrites it, waiting this long for another.
    int catalogLockTimeoutMs = 10'000;
    QString environment;
    bool production = false;
    QString user; // the console user recorded in each entry ($USER)
    QList<BackupTarget> targets;

    const BackupTarget *target(const QString &name) const;
};

} // namespace e2i
