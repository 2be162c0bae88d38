#pragma once
#include "redis/RedisEndpoint.h"
#include "config/ConsoleConfig.h"
#include "flow/FlowSettings.h"
#include "platform/PlatformProfile.h"

namespace e2i {

// Everything a PlatformMonitor needs: which platform, where it is, how to sample it.
struct MonitorOptions {
    QString environment;
    PlatformProfile profile;
    RedisEndpoint redis;
    QString dockerHost = QStringLiteral("127.0.0.1");
    MonitorSettings settings;
    FlowSettings flow;
};

} // namespace e2i
