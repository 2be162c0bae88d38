#pragma once
#include "PlatformSample.h"

namespace e2i {

// What one queue sample yields: the queues (empty while disconnected) and the
// state of the connection that read them.
struct QueueSnapshot {
    QDateTime sampledAt;
    RedisState redis;
    QList<QueueDepth> queues;
    // Work queues declared in Redis (_kombu.binding.*), from the last binding scan;
    // empty between scans and while disconnected.
    QStringList declaredQueues;
};

} // namespace e2i
