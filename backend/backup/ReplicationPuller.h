#pragma once
// Pulls a point-in-time RDB from a Redis-protocol server over its replication
// stream, as `redis-cli --rdb` does: REPLCONF capa eof + rdb-only, SYNC, then
// either "$<length>" and that many bytes (disk-based) or "$EOF:<40-byte mark>"
// and bytes up to the mark (diskless). The dump is streamed to a file while
// its SHA-256 is computed (Sha256); a cancel or error removes the file.
#include "redis/RedisEndpoint.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>

namespace e2i {

struct PullResult {
    bool ok = false;
    bool cancelled = false;
    QString error;
    qint64 bytes = 0;
    QByteArray sha256; // hex
    qint64 keysAtStart = 0; // DBSIZE of the selected db just before SYNC
    bool diskless = false;  // the server streamed the dump with an EOF mark instead of a length
};

class ReplicationPuller
{
public:
    // bytes so far, total (0 while unknown: diskless transfers announce no length)
    using Progress = std::function<void(qint64 bytes, qint64 total)>;

    // `idleTimeoutMs` bounds every wait for data once SYNC is sent; the server
    // sends keep-alive newlines while it forks and writes, so a slow dump is not idle.
    static PullResult pull(const RedisEndpoint &source, const QString &outputPath, int idleTimeoutMs,
                           const std::atomic_bool &cancel, const Progress &progress = {});
};

} // namespace e2i
