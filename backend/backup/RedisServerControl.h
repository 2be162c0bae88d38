#pragma once
// The Redis side of a restore: stop a server without letting it overwrite the
// dump, wait for it to come back, count its keys. Every wait is bounded.
#include "Verification.h"
#include "redis/RedisEndpoint.h"

namespace e2i {

class RedisServerControl
{
public:
    static Verification shutdownNoSave(const RedisEndpoint &endpoint, int timeoutMs);
    static Verification waitReady(const RedisEndpoint &endpoint, int timeoutMs);
    static Verification verifyKeys(const RedisEndpoint &endpoint, qint64 keysAtBackup);
    static Verification replaceDump(const QString &backupPath, const QString &dataDir, const QString &dbFileName);
};

} // namespace e2i
