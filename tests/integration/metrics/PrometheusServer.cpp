#include "PrometheusServer.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>

namespace e2i::test {
namespace {
constexpr int kReadyTimeoutMs = 30'000; // TSDB and web start on a loaded 2-core machine
constexpr int kStopTimeoutMs = 10'000;
} // namespace

PrometheusServer::~PrometheusServer()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate(); // SIGTERM: it closes its TSDB
    if (!m_process.waitForFinished(kStopTimeoutMs)) {
        m_process.kill();
        m_process.waitForFinished(kStopTimeoutMs);
    }
}

int PrometheusServer::freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

bool PrometheusServer::start(const QString &target, const QString &metricsPath, QString *error)
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("prometheus"));
    if (program.isEmpty()) {
        *error = QStringLiteral("prometheus not found (Debian package prometheus, scripts/debian-packages.txt)");
        return false;
    }
    if (!m_dir.isValid() || !writeConfig(target, metricsPath, error))
        return false;
    m_port = freePort();
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(program, {QStringLiteral("--config.file=") + m_dir.filePath(QStringLiteral("prometheus.yml")),
                              QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("data")),
                              QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(m_port),
                              QStringLiteral("--log.level=info")});
    return waitUntilReady(error);
}

bool PrometheusServer::writeConfig(const QString &target, const QString &metricsPath, QString *error)
{
    QFile file(m_dir.filePath(QStringLiteral("prometheus.yml")));
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    const QString config = QStringLiteral("global:\n"
                                          "  scrape_interval: 1s\n"
                                          "  scrape_timeout: 1s\n"
                                          "scrape_configs:\n"
                                          "  - job_name: %1\n"
                                          "    metrics_path: %2\n"
                                          "    static_configs:\n"
                                          "      - targets: ['%3']\n")
                               .arg(job(), metricsPath, target);
    file.write(config.toUtf8());
    return true;
}

// Prometheus logs "Server is ready to receive web requests." once its TSDB is
// open and the API answers.
bool PrometheusServer::waitUntilReady(QString *error)
{
    QDeadlineTimer deadline(kReadyTimeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process.state() == QProcess::NotRunning)
            break; // failed to start, or exited (a port taken meanwhile, a bad flag)
        m_process.waitForReadyRead(int(qMin<qint64>(500, qMax<qint64>(1, deadline.remainingTime()))));
        m_log += m_process.readAll();
        if (m_log.contains("Server is ready to receive web requests"))
            return true;
    }
    *error = QStringLiteral("prometheus did not get ready (exit %1):\n%2")
                 .arg(m_process.exitCode())
                 .arg(QString::fromUtf8(m_log.right(4000)));
    return false;
}

QUrl PrometheusServer::queryUrl(const QString &promql) const
{
    QUrl url(QStringLiteral("http://127.0.0.1:%1/api/v1/query").arg(m_port));
    // Encoded by hand: PromQL's = { } " must not be left for the query string to interpret.
    url.setQuery(QStringLiteral("query=") + QString::fromLatin1(QUrl::toPercentEncoding(promql)));
    return url;
}

} // namespace e2i::test
