#pragma once
// Restores a catalog entry into its target by running the target's restore
// steps in order, after checking the backup file (its SHA-256 against the
// catalog and, for a dump, the RDB checksum) before anything is touched.
//
// Built-in steps (Redis-protocol targets):
//   redis:shutdown-nosave  SHUTDOWN NOSAVE, then wait until the port refuses connections
//   redis:replace-rdb      copy the dump over <data_dir>/<db_file> (temp file + rename)
//   redis:replace-aof      for `appendonly yes` servers, which ignore the dump at start:
//                          make the dump the base of a new AOF directory (AofBaseInstaller)
//   redis:start            run the target's start command template
//   redis:wait-ready       PING until the server answers PONG (not LOADING)
//   redis:verify-keys      DBSIZE must be > 0 when the backup recorded keys
// Any other step is a command template with {backup_path} {backup_dir} {file}
// {data_dir} {db_file} {volume} {target}.
// The sandbox sequence is kSandboxRedisSteps; a server with AOF on needs
// kAppendOnlyRedisSteps (the platform's compose file runs redis that way).
#include "BackupCatalog.h"
#include "BackupTarget.h"
#include "Verification.h"

#include <atomic>

namespace e2i {

class RestoreEngine
{
public:
    static const QStringList kSandboxRedisSteps;
    static const QStringList kAppendOnlyRedisSteps;

    // Whether the entry's file can be restored: present, verified, SHA-256 as
    // catalogued and, for a dump, a valid RDB.
    static Verification check(const BackupCatalog &catalog, const BackupEntry &entry);
    // Runs check() then every step; stops at the first step that fails. The
    // steps and their outcomes go to <id>.restore.log beside the backup.
    static Verification restore(const BackupCatalog &catalog, const BackupEntry &entry, const BackupTarget &target,
                                const std::atomic_bool &cancel);

private:
    static Verification preflight(const BackupTarget &target);
    static Verification runStep(const QString &step, const BackupCatalog &catalog, const BackupEntry &entry,
                                const BackupTarget &target, const QString &logPath, const std::atomic_bool &cancel);
};

} // namespace e2i
