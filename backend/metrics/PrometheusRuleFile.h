#pragma once
// The console's alert rules as a Prometheus rules file (one group, one
// alerting rule per console rule), over the metrics `e2ictl record --listen`
// exports, for `e2ictl export prometheus-rules`. Each alert carries the labels
// the console's own alerts have when pushed to an Alertmanager (alertname,
// severity, subject, environment) and the rule's text as its summary, so a
// team moving to Prometheus keeps the same alerts under the same names.
// Rules that cannot be written in PromQL are listed in a comment at the top
// and returned in `skipped`. Emitted with yaml-cpp, so quoting is YAML's.
#include "alerts/AlertRule.h"

#include <QByteArray>
#include <QList>

namespace e2i {

class PrometheusRuleFile
{
public:
    struct Skipped {
        QString rule;
        QString reason;
    };

    static QByteArray render(const QList<AlertRule> &rules, const QString &environment, double hoursPerMonth,
                             QList<Skipped> *skipped);

    // A duration as Prometheus writes one: 90000 ms -> "1m30s"; 0 -> "0s".
    static QString duration(qint64 ms);
    static QString groupName(const QString &environment) { return QStringLiteral("e2i-console-") + environment; }

private:
    static QByteArray header(const QString &environment, const QList<Skipped> &skipped);
};

} // namespace e2i
