#pragma once
// The platform options shared by `e2ictl` and `e2i-console`:
//   --config FILE --env NAME --compose FILE --autoscale FILE --redis URL --docker-host HOST
//   --env-file FILE (repeatable) --profile NAME (repeatable)
// Flags override the chosen environment's values from console.yml.
#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace e2i {

struct PlatformArguments {
    QString configFile; // empty = $E2I_CONSOLE_CONFIG, then the XDG default
    QString environment;
    QString composeFile;
    QString autoscaleFile;
    QString redisUrl;
    QString dockerHost;
    QStringList envFiles; // as `docker compose --env-file`: replace the .env beside the compose file
    QStringList profiles; // as `docker compose --profile`: replace COMPOSE_PROFILES

    static void addOptions(QCommandLineParser &parser);
    static PlatformArguments fromParser(const QCommandLineParser &parser);
    // The same options as command-line arguments, for starting another program
    // of the suite on the same platform (e2ictl record opening the console).
    QStringList toArguments() const;
};

} // namespace e2i
