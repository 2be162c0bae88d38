#pragma once
// The platform options shared by `e2ictl` and `e2i-console`:
//   --config FILE --env NAME --compose FILE --autoscale FILE --redis URL --docker-host HOST
// Flags override the chosen environment's values from console.yml.
#include <QString>

class QCommandLineParser;

namespace e2i {

struct PlatformArguments {
    QString configFile; // empty = $E2I_CONSOLE_CONFIG, then the XDG default
    QString environment;
    QString composeFile;
    QString autoscaleFile;
    QString redisUrl;
    QString dockerHost;

    static void addOptions(QCommandLineParser &parser);
    static PlatformArguments fromParser(const QCommandLineParser &parser);
};

} // namespace e2i
