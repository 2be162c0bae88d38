#pragma once
// Checks a Redis dump before it is catalogued as good or restored: the
// "REDIS" magic and a known version, the EOF opcode, the trailing CRC-64
// (little-endian, over every preceding byte; zero means the server ran with
// rdbchecksum no) and, when installed, `redis-check-rdb FILE`.
#include "Verification.h"

namespace e2i {

class RdbVerifier
{
public:
    static Verification verify(const QString &path, int checkToolTimeoutMs = 120'000);
    static Verification verifyChecksum(const QString &path);
    static Verification runCheckTool(const QString &path, int timeoutMs);
};

} // namespace e2i
