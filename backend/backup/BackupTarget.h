#pragma once
// One thing the console can back up, and how to restore it. Built from the
// compose file's services and volumes (BackupTargetDefaults), overridden per
// environment in backup.yml (BackupConfigLoader).
#include "redis/RedisEndpoint.h"

#include <QString>
#include <QStringList>

namespace e2i {

struct BackupTarget {
    enum class Kind {
        RedisRdb, // a Redis-protocol server: RDB pulled over its replication stream
        Command,  // a volume or anything else: a command template writes {output}
    };

    // How a RedisRdb target's dump is taken.
    enum class RedisMethod {
        Replication, // pulled over the network (SYNC), as `redis-cli --rdb` does
        Bgsave,      // BGSAVE on the server, then the dump copied from its data directory (BgsaveCopier)
    };

    QString name;
    Kind kind = Kind::Command;
    RedisEndpoint redis; // RedisRdb
    RedisMethod method = RedisMethod::Replication;
    // Placeholders: {target} {volume} {output} (file name) {output_path} {backup_dir}.
    QString command;       // Command: writes the backup
    QString verifyCommand; // Command: exit 0 means the archive is readable
    QString volume;        // the compose volume, for {volume}
    QString fileSuffix = QStringLiteral(".tar.gz");
    int timeoutMs = 600'000; // a command (or a silent transfer) longer than this is killed

    // Restore: the steps, in order. A step is a built-in (see RestoreEngine) or a
    // command template that also gets {backup_path} and {data_dir}.
    QStringList restoreSteps;
    QString dataDir;       // RedisRdb: the server's data directory (redis:replace-rdb, bgsave); empty = ask the server
    QString dbFileName = QStringLiteral("dump.rdb");
    QString aofDirName = QStringLiteral("appendonlydir"); // the server's appenddirname, for redis:replace-aof
    QString aofFileName = QStringLiteral("appendonly.aof"); // its appendfilename
    QString startCommand;  // RedisRdb: for {start_command} in restore steps

    // The built-in restore steps RestoreEngine runs; any other "redis:" step is a mistake
    // (it would otherwise be run as a command named like it).
    static const QStringList &builtinRestoreSteps();
    static QString kindName(Kind kind);
    static QString methodName(RedisMethod method);
};

} // namespace e2i
