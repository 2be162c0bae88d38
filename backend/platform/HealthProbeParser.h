#pragma once
// Turns a compose healthcheck `test` into a probe the console can run from the
// host: curl/wget of a URL -> Http, `redis-cli ping` -> Redis, NONE -> None,
// anything else -> Unknown (the command is kept for display).
#include "PlatformProfile.h"

namespace e2i {

class HealthProbeParser {
public:
    // List form: ["CMD", ...], ["CMD-SHELL", "..."], ["NONE"].
    static HealthProbe fromList(const QStringList &test);
    // String form: run by a shell, like CMD-SHELL.
    static HealthProbe fromShell(const QString &command);

private:
    static HealthProbe fromArguments(const QStringList &arguments, const QString &command);
    static HealthProbe httpProbe(const QStringList &arguments, const QString &command);
    static HealthProbe redisProbe(const QStringList &arguments, const QString &command);
};

} // namespace e2i
