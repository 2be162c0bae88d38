#pragma once
// One alert rule of console.yml: what must hold, for how long, how bad it is
// and what the alert says. A value struct; AlertRuleReader makes it from YAML,
// AlertEvaluator judges it against each sample.
//
// Kinds and what `threshold` and a subject mean for each:
//   queue_depth          a queue's depth (waiting tasks) > threshold     subject: queue
//   queue_wait           a queue's wait p95 over 5 min > threshold s     subject: queue
//   flow_finding         a finding of kind `finding` is raised           subject: the finding's
//   service_status       a service is down (status: down) or degraded    subject: service
//                        or down (status: degraded)
//   redis_disconnected   the broker cannot be read                       subject: "redis"
//   backup_age           no verified backup younger than the target's    subject: backup target
//                        max_age_hours (backup.yml)
//   cost_budget          $/h now x hours per month > threshold USD       subject: "cost"
//   tier_at_max_growing  a tier at max replicas whose queue grew         subject: tier
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>

namespace e2i {

enum class AlertSeverity { Warning, Critical };

enum class AlertKind {
    QueueDepth,
    QueueWait,
    FlowFinding,
    ServiceStatus,
    RedisDisconnected,
    BackupAge,
    CostBudget,
    TierAtMaxGrowing,
};

struct AlertRule {
    QString name; // [a-z0-9_-]+, unique in an environment; "rule:subject" names an alert
    AlertKind kind = AlertKind::QueueDepth;
    AlertSeverity severity = AlertSeverity::Warning;
    qint64 forMs = 0;    // how long the condition must hold before the alert fires
    QString text;        // template: {subject}, {value}, {threshold}, {rule}; empty = the kind's default
    QStringList subjects; // only these subjects (queues, services, tiers, targets...); empty = all
    double threshold = 0.0; // queue_depth: tasks; queue_wait: seconds; cost_budget: USD a month
    QString finding;        // flow_finding: no_consumer, stalled, failing, worker_lost, below_min, at_max_growing
    bool degradedCounts = false; // service_status: degraded fires too, not only down
    bool enabled = true;

    bool appliesTo(const QString &subject) const { return subjects.isEmpty() || subjects.contains(subject); }
    // The template with the subject and measured value filled in.
    QString render(const QString &subject, const QString &value) const;

    bool operator==(const AlertRule &) const = default;

    static QString kindName(AlertKind kind);
    static std::optional<AlertKind> kindFromName(const QString &name);
    static QStringList kindNames();
    static QString severityName(AlertSeverity severity);
    static std::optional<AlertSeverity> severityFromName(const QString &name);
    static QString defaultText(AlertKind kind);
};

} // namespace e2i
