#include "HealthProbeParser.h"

#include <QFileInfo>
#include <QProcess>
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
    probe.command = command;
    return probe;
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
    if (program == QStringLiteral("redis-cli"))
        return redisProbe(arguments, command);
    return unknownProbe(command);
}

HealthProbe HealthProbeParser::httpProbe(const QStringList &arguments, const QString &command)
{
    for (const QString &argument : arguments.mid(1)) {
        const QUrl url(argument);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || (scheme != QStringLiteral("http") && scheme != QStringLiteral("https")))
            continue;
        HealthProbe probe;
        probe.kind = HealthProbe::Kind::Http;
        probe.url = argument;
        probe.command = command;
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
    probe.command = command;
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

} // namespace e2i
