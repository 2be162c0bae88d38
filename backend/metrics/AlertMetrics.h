#pragma once
// The alert states of AlertMonitor as metric families, in the shape of
// Prometheus' own ALERTS and ALERTS_FOR_STATE series, so a dashboard or a
// rule can treat the console's alerts like Prometheus' alerts:
//   e2i_alerts{alertname, subject, severity, alertstate="pending"|"firing"} 1
//   e2i_alert_active_since_timestamp_seconds{alertname, subject, severity}
//     when the condition started to hold (Unix time), pending and firing
//   e2i_alert_firing_since_timestamp_seconds{alertname, subject, severity}
//     when the alert fired, firing only
// Resolved and inactive alerts have no series: a resolved alert is the
// absence of one, as with ALERTS. The recorder hands these to
// MetricsEndpoint::setFamilies("alerts", ...).
#include "MetricFamily.h"
#include "alerts/AlertState.h"

namespace e2i {

class AlertMetrics
{
public:
    static QList<MetricFamily> families(const QList<AlertState> &alerts);

private:
    static MetricLabels labelsOf(const AlertState &alert);
};

} // namespace e2i
