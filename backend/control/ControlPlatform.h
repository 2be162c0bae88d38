#pragma once
// The platform a control action from the console goes to: its environment
// (named in every confirmation, production needs the name typed), its Redis
// and kombu's key layout there, and how long answers are waited for.
#include "monitor/CeleryKeyspace.h"
#include "redis/RedisEndpoint.h"

namespace e2i {

struct ControlPlatform {
    QString environment;
    bool production = false;
    RedisEndpoint redis;
    CeleryKeyspace keyspace{{}, {}, {}};
    int replyTimeoutMs = 2000;
};

} // namespace e2i
