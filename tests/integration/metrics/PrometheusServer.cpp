#include "PrometheusServer.h"

#include <QFile>

namespace e2i::test {

bool PrometheusServer::start(const QString &target, const QString &metricsPath, QString *error)
{
    if (!m_dir.isValid() || !writeConfig(target, metricsPath, error))
        return false;
    m_port = ServerProcess::freePort();
    // Prometheus logs this once its TSDB is open and the API answers.
    return m_process.start(QStringLiteral("prometheus"), QStringLiteral("prometheus"),
                           {QStringLiteral("--config.file=") + m_dir.filePath(QStringLiteral("prometheus.yml")),
                            QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("data")),
                            QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(m_port),
                            QStringLiteral("--log.level=info")},
                           "Server is ready to receive web requests", error);
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

QUrl PrometheusServer::queryUrl(const QString &promql) const
{
    QUrl url(QStringLiteral("http://127.0.0.1:%1/api/v1/query").arg(m_port));
    // Encoded by hand: PromQL's = { } " must not be left for the query string to interpret.
    url.setQuery(QStringLiteral("query=") + QString::fromLatin1(QUrl::toPercentEncoding(promql)));
    return url;
}

} // namespace e2i::test
