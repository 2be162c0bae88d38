#include "HealthProbeParser.h"

#include "SecretMasker.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QUrl>

namespace e2i {

namespace {

constexpr int DefaultHttpPort = 80;
constexpr int DefaultHttpsPort = 443;
constexpr int DefaultRedisPort = 6379;

// Only the first command of a shell line matters: "curl -f URL || exit 1".
QStringList firstShellCommand(const QString &command)
{
    QStringList arguments;
    for (const QString &word : QProcess::splitCommand(command)) {
        if (word == QStringLiteral("||") || word == QStringLiteral("&&") || word == QStringLiteral(";")
            || word == QStringLiteral("|"))
            break;
        arguments.append(word);
    }
    return arguments;
}

HealthProbe unknownProbe(const QString &command)
{
    HealthProbe probe;
    probe.kind = HealthProbe::Kind::Unknown;
    probe.command = SecretMasker::mask(command);
    return probe;
}

// curl and wget take "localhost:3000/health" as http://. A bare word ("localhost",
// the value of --noproxy) is not taken: it needs a port or a path to be a URL.
QString withScheme(const QString &argument)
{
    if (argument.contains(QStringLiteral("://")))
        return argument;
    static const QRegularExpression schemeless(QStringLiteral(R"(^[A-Za-z0-9.\-\[\]]+(:\d+(/.*)?|/.*)$)"));
    return schemeless.match(argument).hasMatch() ? QStringLiteral("http://") + argument : QString();
}

bool isRedisCli(const QString &program)
{
    return program == QStringLiteral("redis-cli") || program == QStringLiteral("valkey-cli")
           || program == QStringLiteral("keydb-cli");
}

// The port `program` talks to when its options do not say, for checks that
// cannot run from the host but whose server can be reached by TCP.
int defaultPortOf(const QStringList &words)
{
    for (const QString &word : words) {
        const QString name = QFileInfo(word).fileName();
        if (name == QStringLiteral("pg_isready"))
            return 5432;
        if (name == QStringLiteral("mysqladmin") || name == QStringLiteral("mariadb-admin"))
            return 3306;
    }
    return 0;
}

} // namespace

HealthProbe HealthProbeParser::fromList(const QStringList &test)
{
    if (test.isEmpty() || test.first() == QStringLiteral("NONE"))
        return {};
    if (test.first() == QStringLiteral("CMD-SHELL"))
        return fromShell(test.mid(1).join(u' '));
    if (test.first() == QStringLiteral("CMD"))
        return fromArguments(test.mid(1), test.mid(1).join(u' '));
    return unknownProbe(test.join(u' '));
}

HealthProbe HealthProbeParser::fromShell(const QString &command)
{
    return fromArguments(firstShellCommand(command), command);
}

HealthProbe HealthProbeParser::fromArguments(const QStringList &arguments, const QString &command)
{
    const QString program = arguments.isEmpty() ? QString() : QFileInfo(arguments.first()).fileName();
    if (program == QStringLiteral("curl") || program == QStringLiteral("wget"))
        return httpProbe(arguments, command);
    if (isRedisCli(program))
        return redisProbe(arguments, command);
    return unknownProbe(command);
}

HealthProbe HealthProbeParser::httpProbe(const QStringList &arguments, const QString &command)
{
    for (const QString &argument : arguments.mid(1)) {
        if (argument.startsWith(u'-'))
            continue;
        const QUrl url(withScheme(argument));
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || (scheme != QStringLiteral("http") && scheme != QStringLiteral("https")))
            continue;
        HealthProbe probe;
        probe.kind = HealthProbe::Kind::Http;
        probe.url = SecretMasker::mask(argument);
        probe.command = SecretMasker::mask(command);
        probe.containerPort = url.port(scheme == QStringLiteral("https") ? DefaultHttpsPort : DefaultHttpPort);
        probe.path = url.path(QUrl::FullyEncoded);
        if (probe.path.isEmpty())
            probe.path = QStringLiteral("/");
        if (url.hasQuery())
            probe.path += u'?' + url.query(QUrl::FullyEncoded);
        return probe;
    }
    return unknownProbe(command);
}

HealthProbe HealthProbeParser::redisProbe(const QStringList &arguments, const QString &command)
{
    const bool pings = std::any_of(arguments.begin(), arguments.end(), [](const QString &argument) {
        return argument.compare(QStringLiteral("ping"), Qt::CaseInsensitive) == 0;
    });
    if (!pings)
        return unknownProbe(command);
    HealthProbe probe;
    probe.kind = HealthProbe::Kind::Redis;
    probe.command = SecretMasker::mask(command);
    probe.containerPort = DefaultRedisPort;
    const qsizetype portFlag = arguments.indexOf(QStringLiteral("-p"));
    if (portFlag >= 0 && portFlag + 1 < arguments.size()) {
        bool ok = false;
        const int port = arguments.at(portFlag + 1).toInt(&ok);
        if (!ok)
            return unknownProbe(command);
        probe.containerPort = port;
    }
    return probe;
}

bool HealthProbeParser::isRedisImage(const QString &image)
{
    // "docker.io/library/redis:7-alpine" -> "redis"; "redis/redis-stack-server:latest" -> "redis-stack-server".
    const QString name = image.section(u'/', -1).section(u':', 0, 0).section(u'@', 0, 0).toLower();
    static const QStringList names{QStringLiteral("redis"), QStringLiteral("valkey"), QStringLiteral("keydb"),
                                   QStringLiteral("falkordb"), QStringLiteral("redis-stack"),
                                   QStringLiteral("redis-stack-server")};
    return names.contains(name);
}

void HealthProbeParser::completeForService(ServiceSpec &service)
{
    HealthProbe &probe = service.health;
    if (probe.kind == HealthProbe::Kind::None && isRedisImage(service.image)) {
        const auto published = std::find_if(service.ports.begin(), service.ports.end(),
                                            [](const PortMapping &m) { return m.hostPort > 0; });
        if (published == service.ports.end())
            return;
        probe.kind = HealthProbe::Kind::Redis;
        probe.containerPort = service.publishedPort(DefaultRedisPort) ? DefaultRedisPort : published->containerPort;
        probe.command = QStringLiteral("PING");
        probe.note = QStringLiteral("redis image without a health check: PING");
        return;
    }
    if (probe.kind == HealthProbe::Kind::Unknown)
        addTcpConnect(service);
}

// The check's own server port when it names one and it is published, else the
// service's first published TCP port.
void HealthProbeParser::addTcpConnect(ServiceSpec &service)
{
    HealthProbe &probe = service.health;
    const int known = defaultPortOf(QProcess::splitCommand(probe.command));
    int port = known > 0 && service.publishedPort(known) ? known : 0;
    for (const PortMapping &mapping : service.ports) {
        if (port == 0 && mapping.hostPort > 0 && mapping.protocol == QStringLiteral("tcp"))
            port = mapping.containerPort;
    }
    if (port == 0)
        return;
    probe.tcpConnect = true;
    probe.containerPort = port;
    probe.note = QStringLiteral("the check cannot run from the console; tcp open on container port %1 stands in").arg(port);
}

} // namespace e2i
