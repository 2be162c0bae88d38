#pragma once
// Takes backups, one target at a time, on the caller's (worker) thread. Every
// attempt ends in a catalog entry: "verified" with a file, or "failed" /
// "cancelled" with no file (the temporary .part file is removed), so the
// catalog never points at a partial backup. A failing target never stops the
// others.
#include "BackupEntry.h"
#include "BackupSettings.h"
#include "ReplicationPuller.h"

#include <QList>

#include <atomic>
#include <functional>

namespace e2i {

class BackupEngine
{
public:
    using Progress = std::function<void(const QString &target, qint64 bytes, qint64 total)>;

    explicit BackupEngine(BackupSettings settings);

    const BackupSettings &settings() const { return m_settings; }

    // The entry as recorded. If the catalog could not be written the entry is
    // "failed" (a verified file is kept, and the message names it and why).
    BackupEntry backUp(const BackupTarget &target, const std::atomic_bool &cancel, const Progress &progress = {});

private:
    struct Attempt;
    void pullRdb(const BackupTarget &target, Attempt &attempt, const std::atomic_bool &cancel, const Progress &progress);
    PullResult takeDump(const BackupTarget &target, Attempt &attempt, const std::atomic_bool &cancel,
                        const ReplicationPuller::Progress &progress);
    void runCommand(const BackupTarget &target, Attempt &attempt, const std::atomic_bool &cancel);
    void keepOrDiscard(Attempt &attempt, const std::atomic_bool &cancel);
    void record(BackupEntry &entry);

    BackupSettings m_settings;
};

} // namespace e2i
