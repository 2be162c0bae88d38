#include "ServerProcess.h"

#include <QDeadlineTimer>
#include <QStandardPaths>
#include <QTcpServer>

namespace e2i::test {
namespace {
constexpr int kReadyTimeoutMs = 30'000; // a server's start on a loaded 2-core machine
constexpr int kStopTimeoutMs = 10'000;
} // namespace

ServerProcess::~ServerProcess()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate(); // SIGTERM: Prometheus closes its TSDB, Alertmanager its state
    if (!m_process.waitForFinished(kStopTimeoutMs)) {
        m_process.kill();
        m_process.waitForFinished(kStopTimeoutMs);
    }
}

int ServerProcess::freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

bool ServerProcess::start(const QString &program, const QString &package, const QStringList &arguments,
                          const QByteArray &readyMarker, QString *error)
{
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty()) {
        *error = QStringLiteral("%1 not found (Debian package %2, scripts/debian-packages.txt)").arg(program, package);
        return false;
    }
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(path, arguments);
    QDeadlineTimer deadline(kReadyTimeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process.state() == QProcess::NotRunning)
            break; // failed to start, or exited (a port taken meanwhile, a bad flag)
        m_process.waitForReadyRead(int(qMin<qint64>(500, qMax<qint64>(1, deadline.remainingTime()))));
        m_log += m_process.readAll();
        if (m_log.contains(readyMarker))
            return true;
    }
    *error = QStringLiteral("%1 did not get ready (exit %2):\n%3")
                 .arg(program)
                 .arg(m_process.exitCode())
                 .arg(QString::fromUtf8(m_log.right(4000)));
    return false;
}

QByteArray ServerProcess::log()
{
    m_log += m_process.readAll();
    return m_log;
}

} // namespace e2i::test
