#include "PlatformArguments.h"

#include <QCommandLineParser>

namespace e2i {

void PlatformArguments::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("config"), QStringLiteral("Console configuration file (default: $E2I_CONSOLE_CONFIG or ~/.config/e2i-console/console.yml)."), QStringLiteral("FILE")},
        {QStringLiteral("env"), QStringLiteral("Environment from the console configuration."), QStringLiteral("NAME")},
        {QStringLiteral("compose"), QStringLiteral("The platform's docker-compose.yml."), QStringLiteral("FILE")},
        {QStringLiteral("autoscale"), QStringLiteral("The platform's config/autoscale.yml."), QStringLiteral("FILE")},
        {QStringLiteral("redis"), QStringLiteral("Redis URL redis://host:port/db (no password: use password_env or password_file)."), QStringLiteral("URL")},
        {QStringLiteral("docker-host"), QStringLiteral("Host that publishes the compose ports (default 127.0.0.1)."), QStringLiteral("HOST")},
        {QStringLiteral("env-file"), QStringLiteral("Compose variables file, instead of the .env beside the compose file (repeatable)."), QStringLiteral("FILE")},
        {QStringLiteral("profile"), QStringLiteral("Compose profile to treat as active, instead of COMPOSE_PROFILES (repeatable)."), QStringLiteral("NAME")},
    });
}

PlatformArguments PlatformArguments::fromParser(const QCommandLineParser &parser)
{
    PlatformArguments a;
    a.configFile = parser.value(QStringLiteral("config"));
    a.environment = parser.value(QStringLiteral("env"));
    a.composeFile = parser.value(QStringLiteral("compose"));
    a.autoscaleFile = parser.value(QStringLiteral("autoscale"));
    a.redisUrl = parser.value(QStringLiteral("redis"));
    a.dockerHost = parser.value(QStringLiteral("docker-host"));
    a.envFiles = parser.values(QStringLiteral("env-file"));
    a.profiles = parser.values(QStringLiteral("profile"));
    return a;
}

QStringList PlatformArguments::toArguments() const
{
    QStringList arguments;
    const auto add = [&arguments](const QString &option, const QString &value) {
        if (!value.isEmpty())
            arguments << QStringLiteral("--") + option << value;
    };
    add(QStringLiteral("config"), configFile);
    add(QStringLiteral("env"), environment);
    add(QStringLiteral("compose"), composeFile);
    add(QStringLiteral("autoscale"), autoscaleFile);
    add(QStringLiteral("redis"), redisUrl);
    add(QStringLiteral("docker-host"), dockerHost);
    for (const QString &file : envFiles)
        add(QStringLiteral("env-file"), file);
    for (const QString &profile : profiles)
        add(QStringLiteral("profile"), profile);
    return arguments;
}

} // namespace e2i
