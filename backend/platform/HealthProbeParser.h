#pragma once
// Turns a compose healthcheck `test` into a probe the console can run from the
// host: curl/wget of a URL (with or without http://) -> Http, `redis-cli ping`
// (valkey-cli, keydb-cli) -> Redis, NONE -> None, anything else -> Unknown (the
// command is kept for display, passwords masked). completeForService() then uses
// the service's image and ports: a Redis image without a check gets a PING, and an
// Unknown check of a service that publishes a port gets a TCP-connect stand-in.
#include "PlatformProfile.h"

namespace e2i {

class HealthProbeParser {
public:
    // List form: ["CMD", ...], ["CMD-SHELL", "..."], ["NONE"].
    static HealthProbe fromList(const QStringList &test);
    // String form: run by a shell, like CMD-SHELL.
    static HealthProbe fromShell(const QString &command);
    // Fills in what the check alone cannot say; call once ports and image are read.
    static void completeForService(ServiceSpec &service);
    // Image names of Redis-protocol servers: redis, valkey, keydb, falkordb, redis-stack.
    static bool isRedisImage(const QString &image);

private:
    static HealthProbe fromArguments(const QStringList &arguments, const QString &command);
    static HealthProbe httpProbe(const QStringList &arguments, const QString &command);
    static HealthProbe redisProbe(const QStringList &arguments, const QString &command);
    static void addTcpConnect(ServiceSpec &service);
};

} // namespace e2i
