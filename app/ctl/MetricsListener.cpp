#include "MetricsListener.h"

#include "history/HistorySession.h"
#include "metrics/AlertMetrics.h"
#include "metrics/BackupMetrics.h"
#include "metrics/ListenAddress.h"
#include "monitor/PlatformMonitor.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace e2i {

QCommandLineOption MetricsListener::option()
{
    return {QStringLiteral("listen"),
            QStringLiteral("Serve Prometheus metrics at http://HOST:PORT/metrics while recording (loopback unless "
                           "HOST says otherwise; port 0 picks a free one)."),
            QStringLiteral("HOST:PORT")};
}

std::unique_ptr<MetricsEndpoint> MetricsListener::listen(const QCommandLineParser &parser,
                                                         MetricsEndpoint::CostFunction cost, QString *error)
{
    if (!parser.isSet(QStringLiteral("listen")))
        return nullptr;
    const auto address = ListenAddress::parse(parser.value(QStringLiteral("listen")), error);
    if (!address)
        return nullptr;
    auto endpoint = std::make_unique<MetricsEndpoint>(std::move(cost));
    QString why;
    if (!endpoint->listen(address->host, address->port, &why)) {
        *error = QStringLiteral("cannot listen on %1: %2").arg(parser.value(QStringLiteral("listen")), why);
        return nullptr;
    }
    QTextStream err(stderr);
    if (!address->isLoopback())
        err << "e2ictl record: warning: metrics are served beyond this machine (" << address->host.toString()
            << "): queue, tier and task names are visible to anyone who can reach the port\n";
    err << "e2ictl record: metrics on " << endpoint->url() << '\n';
    return endpoint;
}

void MetricsListener::connect(MetricsEndpoint *endpoint, PlatformMonitor &monitor, HistorySession &session)
{
    if (!endpoint)
        return;
    QObject::connect(&monitor, &PlatformMonitor::sampleAvailable, endpoint,
                     [endpoint, &monitor](const PlatformSample &sample) { endpoint->setSample(sample, monitor.isComplete()); });
    QObject::connect(&monitor, &PlatformMonitor::flowAvailable, endpoint, &MetricsEndpoint::setFlow);
    QObject::connect(&session, &HistorySession::statusChanged, endpoint, &MetricsEndpoint::setRecorderStatus);
    QObject::connect(&session, &HistorySession::sampleHandled, endpoint, &MetricsEndpoint::setRecorderStatus);
    QObject::connect(&session, &HistorySession::alertsChanged, endpoint, [endpoint](const QList<AlertState> &alerts) {
        endpoint->setFamilies(QStringLiteral("alerts"), AlertMetrics::families(alerts));
    });
    QObject::connect(&session, &HistorySession::backupAgesRead, endpoint, [endpoint](const QList<BackupAge> &ages) {
        endpoint->setFamilies(QStringLiteral("backups"), BackupMetrics::families(ages));
    });
}

} // namespace e2i
