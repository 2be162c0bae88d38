#include "AlertMetrics.h"

namespace e2i {
namespace {

double seconds(qint64 ms)
{
    return double(ms) / 1000.0;
}

} // namespace

QList<MetricFamily> AlertMetrics::families(const QList<AlertState> &alerts)
{
    MetricFamily state{QStringLiteral("e2i_alerts"),
                       QStringLiteral("1 for each pending or firing alert of the console's rules (as Prometheus' ALERTS)."),
                       MetricType::Gauge,
                       {}};
    MetricFamily activeSince{QStringLiteral("e2i_alert_active_since_timestamp_seconds"),
                             QStringLiteral("When a pending or firing alert's condition started to hold, Unix time."),
                             MetricType::Gauge,
                             {}};
    MetricFamily firingSince{QStringLiteral("e2i_alert_firing_since_timestamp_seconds"),
                             QStringLiteral("When a firing alert fired, Unix time."),
                             MetricType::Gauge,
                             {}};
    for (const AlertState &alert : alerts) {
        const bool firing = alert.phase == AlertState::Phase::Firing;
        if (!firing && alert.phase != AlertState::Phase::Pending)
            continue;
        const MetricLabels labels = labelsOf(alert);
        state.add(labels + MetricLabels{{QStringLiteral("alertstate"), AlertState::phaseName(alert.phase)}}, 1);
        activeSince.add(labels, seconds(alert.activeSinceMs));
        if (firing)
            firingSince.add(labels, seconds(alert.firedAtMs));
    }
    return {state, activeSince, firingSince};
}

MetricLabels AlertMetrics::labelsOf(const AlertState &alert)
{
    return {{QStringLiteral("alertname"), alert.rule},
            {QStringLiteral("subject"), alert.subject},
            {QStringLiteral("severity"), AlertRule::severityName(alert.severity)}};
}

} // namespace e2i
