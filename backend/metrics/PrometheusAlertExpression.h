#pragma once
// One console alert rule as a PromQL alert over the metrics `e2ictl record
// --listen` exports (PlatformMetrics, TaskFlowMetrics), so Prometheus fires
// what the console's AlertEvaluator fires:
//   queue_depth          sum by (queue, tier) (e2i_queue_depth) > above
//   queue_wait           worst task's p95 of e2i_task_wait_seconds over 5m > above_seconds
//   flow_finding         e2i_flow_finding{kind="<finding>"} == 1
//   tier_at_max_growing  e2i_flow_finding{kind="at_max_growing"} == 1
//   service_status       e2i_service_status{status="down"} == 1 (=~"down|degraded" with status: degraded)
//   redis_disconnected   e2i_redis_connected == 0
//   cost_budget          e2i_cost_usd_per_hour * hours a month > monthly_usd
//   backup_age           now - e2i_backup_last_verified_timestamp_seconds > e2i_backup_max_age_seconds,
//                        or a target with no verified backup (BackupMetrics)
// A rule's `subjects` become a matcher on the subject's label. The subject and
// the measured value of the summary are Prometheus templates ({{ $labels.queue }},
// {{ $value }}).
#include "alerts/AlertRule.h"

#include <optional>

namespace e2i {

struct PrometheusAlertExpression {
    QString expr;
    QString subject; // a template naming the subject: {{ $labels.queue }}, or fixed text ("redis")
    QString value;   // a template of the measured value, for the rule's text

    // nullopt, with `whyNot`, for a rule no exported metric can express.
    static std::optional<PrometheusAlertExpression> of(const AlertRule &rule, double hoursPerMonth, QString *whyNot);

    // A PromQL string literal: double-quoted, backslash and quote escaped.
    static QString quoted(const QString &text);
    // `label="a"` for one subject, `label=~"a|b"` (regex-escaped) for several, empty for all.
    static QString subjectMatcher(const QString &label, const QStringList &subjects);
    static QString labelTemplate(const QString &label) { return QStringLiteral("{{ $labels.%1 }}").arg(label); }
};

} // namespace e2i
