#pragma once
// Turns console.yml plus command-line flags into what a PlatformMonitor needs:
// the environment, the platform profile read from its files, the Redis
// endpoint (with its password from the environment's secret source) and the
// monitoring settings. Reads files: call it off the GUI thread, or before the
// window exists.
#include "PlatformArguments.h"
#include "config/ConsoleConfig.h"
#include "core/Diagnostic.h"
#include "monitor/MonitorOptions.h"

#include <optional>

namespace e2i {

struct ResolvedPlatform {
    std::optional<MonitorOptions> options; // empty when the platform cannot be watched
    ConsoleConfig config;
    EnvironmentConfig environment;
    Diagnostics diagnostics; // from every file read, for the user to see
    QString error;           // one line, when options is empty
};

class PlatformResolver
{
public:
    static ResolvedPlatform resolve(const PlatformArguments &arguments);
    static QString configPath(const PlatformArguments &arguments);
};

} // namespace e2i
