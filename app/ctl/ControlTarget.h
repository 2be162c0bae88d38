#pragma once
#include "monitor/CeleryKeyspace.h"
#include "redis/RedisEndpoint.h"

namespace e2i {

// The platform a control command acts on, from console.yml and the flags.
struct ControlTarget {
    QString environment;
    bool production = false;
    RedisEndpoint redis;
    CeleryKeyspace keyspace{{}, {}, {}};
    int replyTimeoutMs = 0;
    bool json = false;
    QStringList workers; // --worker HOST...; empty = every worker
};

} // namespace e2i
