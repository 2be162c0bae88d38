#pragma once
#include "redis/RedisUrl.h"

#include <QString>

namespace e2i {

// Where a monitor connects and how long any wait may last. The password stays
// in memory only; RedisUrl::redacted() is what logs and output show.
struct RedisEndpoint {
    RedisUrl url;
    QString password;
    int timeoutMs = 1000;
};

} // namespace e2i
