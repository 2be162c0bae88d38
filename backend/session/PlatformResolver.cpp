#include "PlatformResolver.h"

#include "config/ConsoleConfigLoader.h"
#include "config/SecretResolver.h"
#include "core/Logging.h"
#include "platform/PlatformProfileLoader.h"

#include <QDir>
#include <QFileInfo>

namespace e2i {
namespace {

// The platform repository keeps docker/docker-compose.yml beside config/autoscale.yml.
QString siblingAutoscaleFile(const QString &composeFile)
{
    const QString candidate = QFileInfo(composeFile).dir().filePath(QStringLiteral("../config/autoscale.yml"));
    return QFileInfo::exists(candidate) ? QDir::cleanPath(candidate) : QString();
}

// As `docker compose` reads it: the shell over the .env files, --profile over COMPOSE_PROFILES.
PlatformProfile loadProfile(const EnvironmentConfig &env, const PlatformArguments &args)
{
    ComposeEnvironmentOptions options;
    options.shell = PlatformProfileLoader::processEnvironment();
    options.envFiles = args.envFiles.isEmpty() ? env.envFiles : args.envFiles;
    options.profiles = args.profiles;
    if (!env.autoscaleFile.isEmpty())
        return PlatformProfileLoader::loadWith(env.composeFile, env.autoscaleFile, options);
    PlatformProfile profile = PlatformProfileLoader::loadComposeWith(env.composeFile, options);
    Diagnostic missing;
    missing.severity = Diagnostic::Severity::Warning;
    missing.file = env.composeFile;
    missing.message = QStringLiteral("no autoscale file given or found at ../config/autoscale.yml: "
                                     "tiers have no replica bounds or thresholds");
    profile.diagnostics.append(missing);
    PlatformProfileLoader::addDiscoveredTiers(profile);
    return profile;
}

QString overridden(const QString &flag, const QString &configured)
{
    return flag.isEmpty() ? configured : flag;
}

// Without an explicit URL, Redis is where the compose file publishes it.
QString defaultRedisUrl(const PlatformProfile &profile, const QString &dockerHost)
{
    int port = 6379;
    if (const ServiceSpec *redis = profile.service(QStringLiteral("redis")))
        port = redis->publishedPort(6379).value_or(6379);
    return QStringLiteral("redis://%1:%2/0").arg(dockerHost).arg(port);
}

// A password on the command line is visible to every user in the process list
// (ps, /proc/PID/cmdline), so it is refused rather than used.
bool checkRedisFlag(const PlatformArguments &args, ResolvedPlatform &result)
{
    if (args.redisUrl.isEmpty())
        return true;
    QString error;
    const auto parsed = RedisUrl::parse(args.redisUrl, &error);
    if (!parsed) {
        result.error = QStringLiteral("bad --redis URL: ") + error;
        return false;
    }
    if (parsed->password.isEmpty())
        return true;
    result.error = QStringLiteral("--redis must not contain a password (other users can read it in the process "
                                  "list): give the environment password_env or password_file in console.yml");
    return false;
}

// An environment whose redis_url could not be read is not watched at all: the
// Redis derived from the compose file may be another server entirely.
bool checkConfiguredRedisUrl(const PlatformArguments &args, const QString &configPath, ResolvedPlatform &result)
{
    EnvironmentConfig &env = result.environment;
    if (!args.redisUrl.isEmpty())
        env.redisUrlInvalid = false; // the flag replaces it
    if (!env.redisUrlInvalid)
        return true;
    result.error = QStringLiteral("environment '%1' has an invalid redis_url in %2 (see above): fix it or pass --redis URL")
                       .arg(env.name, configPath);
    return false;
}

bool chooseEnvironment(const PlatformArguments &args, ResolvedPlatform &result)
{
    const QString name = overridden(args.environment, result.config.defaultEnvironment);
    if (name.isEmpty()) {
        result.environment.name = QStringLiteral("local");
        return true;
    }
    if (const EnvironmentConfig *env = result.config.environment(name)) {
        result.environment = *env;
        return true;
    }
    if (!args.environment.isEmpty()) {
        QStringList known;
        for (const auto &e : result.config.environments)
            known.append(e.name);
        result.error = QStringLiteral("unknown environment '%1' (configured: %2)")
                           .arg(name, known.isEmpty() ? QStringLiteral("none") : known.join(QStringLiteral(", ")));
        return false;
    }
    result.environment.name = name;
    return true;
}

} // namespace

QString PlatformResolver::configPath(const PlatformArguments &arguments)
{
    if (!arguments.configFile.isEmpty())
        return arguments.configFile;
    const QString fromEnv = qEnvironmentVariable("E2I_CONSOLE_CONFIG");
    return fromEnv.isEmpty() ? ConsoleConfigLoader::defaultPath() : fromEnv;
}

ResolvedPlatform PlatformResolver::resolve(const PlatformArguments &args)
{
    ResolvedPlatform result;
    const QString path = configPath(args);
    if (QFileInfo::exists(path) || !args.configFile.isEmpty()) {
        result.config = ConsoleConfigLoader::load(path);
        result.diagnostics += result.config.diagnostics;
    }
    if (!checkRedisFlag(args, result) || !chooseEnvironment(args, result)
        || !checkConfiguredRedisUrl(args, path, result))
        return result;

    EnvironmentConfig &env = result.environment;
    env.composeFile = overridden(args.composeFile, env.composeFile);
    env.autoscaleFile = overridden(args.autoscaleFile, env.autoscaleFile);
    if (env.autoscaleFile.isEmpty())
        env.autoscaleFile = siblingAutoscaleFile(env.composeFile);
    env.dockerHost = overridden(args.dockerHost, env.dockerHost);
    if (env.dockerHost.isEmpty())
        env.dockerHost = QStringLiteral("127.0.0.1");
    if (env.composeFile.isEmpty()) {
        result.error = QStringLiteral("no compose file: pass --compose FILE or choose an environment with --env");
        return result;
    }

    MonitorOptions options;
    options.environment = env.name;
    options.dockerHost = env.dockerHost;
    options.settings = result.config.monitor;
    options.flow = result.config.flowSettings(env);
    options.profile = loadProfile(env, args);
    result.diagnostics += options.profile.diagnostics;

    const QString url = overridden(args.redisUrl, overridden(env.redisUrl, defaultRedisUrl(options.profile, env.dockerHost)));
    QString error;
    const auto parsed = RedisUrl::parse(url, &error);
    if (!parsed) {
        result.error = QStringLiteral("bad Redis URL: ") + error;
        return result;
    }
    options.redis.url = *parsed; // never with a password: --redis and console.yml refuse one
    options.redis.timeoutMs = options.settings.redisTimeoutMs;
    if (!env.passwordEnv.isEmpty() || !env.passwordFile.isEmpty()) {
        const auto secret = SecretResolver::redisPassword(env, &error);
        if (!secret) {
            result.error = error;
            return result;
        }
        options.redis.password = *secret;
    }
    log::addSecret(options.redis.password);
    result.options = options;
    return result;
}

} // namespace e2i
