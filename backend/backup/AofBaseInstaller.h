#pragma once
// The restore step redis:replace-aof, for servers that run with
// `appendonly yes` (the platform's compose file does). Such a server loads
// its append-only files at start and ignores dump.rdb, so replacing the dump
// alone restores nothing. Redis 7 keeps a multi-part AOF in a directory
// (appenddirname) described by a manifest, whose base may be an RDB: this step
// builds a new directory whose only file is the backup as that base, moves the
// old directory aside (kept, named with the time, never deleted), and renames
// the new one into place. Run it while the server is stopped.
#include "Verification.h"

#include <QString>

namespace e2i {

class AofBaseInstaller
{
public:
    // `aofDirName` / `aofFileName`: the server's appenddirname and appendfilename.
    static Verification install(const QString &backupPath, const QString &dataDir, const QString &aofDirName,
                                const QString &aofFileName);
};

} // namespace e2i
