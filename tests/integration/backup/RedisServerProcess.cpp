#include "RedisServerProcess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QTcpServer>
#include <QThread>

#include <csignal>

namespace e2i::test {
namespace {
constexpr int kStartTimeoutMs = 20'000;
constexpr int kStopTimeoutMs = 20'000;
constexpr int kPollMs = 50;
} // namespace

RedisServerProcess::RedisServerProcess(QStringList extraConfig)
    : m_extraConfig(std::move(extraConfig))
{
}

RedisServerProcess::~RedisServerProcess()
{
    stop();
}

int RedisServerProcess::freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QString RedisServerProcess::configPath() const
{
    return m_dir.filePath(QStringLiteral("redis.conf"));
}

QString RedisServerProcess::dumpPath() const
{
    return m_dir.filePath(QStringLiteral("dump.rdb"));
}

QString RedisServerProcess::startCommand() const
{
    return QStringLiteral("redis-server ") + configPath();
}

bool RedisServerProcess::writeConfig(QString *error) const
{
    QFile config(configPath());
    if (!config.open(QIODevice::WriteOnly)) {
        *error = config.errorString();
        return false;
    }
    const QStringList lines{
        QStringLiteral("port %1").arg(m_port), QStringLiteral("bind 127.0.0.1"),
        QStringLiteral("dir %1").arg(m_dir.path()), QStringLiteral("dbfilename dump.rdb"),
        QStringLiteral("daemonize yes"), QStringLiteral("pidfile %1/redis.pid").arg(m_dir.path()),
        QStringLiteral("logfile %1/redis.log").arg(m_dir.path()), QStringLiteral("save \"\""),
        QStringLiteral("appendonly no"),
    };
    config.write((lines + m_extraConfig).join(QLatin1Char('\n')).toUtf8() + '\n');
    return true;
}

bool RedisServerProcess::start(QString *error)
{
    if (m_port == 0)
        m_port = freePort();
    if (!writeConfig(error))
        return false;
    if (QProcess::execute(QStringLiteral("redis-server"), {configPath()}) != 0) {
        *error = QStringLiteral("redis-server %1 failed").arg(configPath());
        return false;
    }
    for (QDeadlineTimer deadline(kStartTimeoutMs); !deadline.hasExpired(); QThread::msleep(kPollMs))
        if (cli({QStringLiteral("PING")}).trimmed() == "PONG")
            return true;
    *error = QStringLiteral("redis-server on port %1 did not answer PING").arg(m_port);
    return false;
}

qint64 RedisServerProcess::pid() const
{
    QFile file(m_dir.filePath(QStringLiteral("redis.pid")));
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toLongLong() : 0;
}

void RedisServerProcess::stop()
{
    const qint64 serverPid = pid();
    if (serverPid <= 0 || ::kill(pid_t(serverPid), 0) != 0)
        return;
    ::kill(pid_t(serverPid), SIGTERM);
    for (QDeadlineTimer deadline(kStopTimeoutMs); !deadline.hasExpired(); QThread::msleep(kPollMs))
        if (::kill(pid_t(serverPid), 0) != 0)
            return;
    ::kill(pid_t(serverPid), SIGKILL);
}

QByteArray RedisServerProcess::cli(const QStringList &arguments, int timeoutMs) const
{
    QProcess process;
    process.start(QStringLiteral("redis-cli"), QStringList{QStringLiteral("-p"), QString::number(m_port)} + arguments);
    process.waitForFinished(timeoutMs);
    return process.readAllStandardOutput();
}

} // namespace e2i::test
