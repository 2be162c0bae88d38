#include "PrometheusAlertExpression.h"

#include "flow/FlowFinding.h"

namespace e2i {
namespace {

const QString kValue = QStringLiteral("{{ $value }}");

// RE2's metacharacters; others are left as they are (RE2 refuses an escaped letter).
QString regexEscaped(const QString &text)
{
    static const QString meta = QStringLiteral("\\.+*?()|[]{}^$");
    QString out;
    for (const QChar c : text) {
        if (meta.contains(c))
            out += u'\\';
        out += c;
    }
    return out;
}

// `{matchers}`, or nothing when there are none.
QString selector(const QStringList &matchers)
{
    QStringList given = matchers;
    given.removeAll(QString());
    return given.isEmpty() ? QString() : u'{' + given.join(u',') + u'}';
}

QString threshold(double value)
{
    return QString::number(value, 'g', 17);
}

PrometheusAlertExpression queueDepth(const AlertRule &rule)
{
    return {QStringLiteral("sum by (queue, tier) (e2i_queue_depth%1) > %2")
                .arg(selector({PrometheusAlertExpression::subjectMatcher(QStringLiteral("queue"), rule.subjects)}),
                     threshold(rule.threshold)),
            PrometheusAlertExpression::labelTemplate(QStringLiteral("queue")), kValue};
}

// As AlertMonitor::queueWaits: the p95 of each task name over 5 minutes, the
// worst task of each queue.
PrometheusAlertExpression queueWait(const AlertRule &rule)
{
    return {QStringLiteral("max by (queue) (histogram_quantile(0.95, sum by (queue, task, le) "
                           "(rate(e2i_task_wait_seconds_bucket%1[5m])))) > %2")
                .arg(selector({PrometheusAlertExpression::subjectMatcher(QStringLiteral("queue"), rule.subjects)}),
                     threshold(rule.threshold)),
            PrometheusAlertExpression::labelTemplate(QStringLiteral("queue")),
            QStringLiteral("{{ $value | printf \"%.1f\" }}")};
}

PrometheusAlertExpression finding(const AlertRule &rule, const QString &kind)
{
    return {QStringLiteral("e2i_flow_finding%1 == 1")
                .arg(selector({QStringLiteral("kind=") + PrometheusAlertExpression::quoted(kind),
                               PrometheusAlertExpression::subjectMatcher(QStringLiteral("subject"), rule.subjects)})),
            PrometheusAlertExpression::labelTemplate(QStringLiteral("subject")), QStringLiteral("raised")};
}

PrometheusAlertExpression serviceStatus(const AlertRule &rule)
{
    const QString status = rule.degradedCounts ? QStringLiteral("status=~\"down|degraded\"") : QStringLiteral("status=\"down\"");
    return {QStringLiteral("e2i_service_status%1 == 1")
                .arg(selector({status, PrometheusAlertExpression::subjectMatcher(QStringLiteral("service"), rule.subjects)})),
            PrometheusAlertExpression::labelTemplate(QStringLiteral("service")),
            PrometheusAlertExpression::labelTemplate(QStringLiteral("status"))};
}

// As AlertCondition: too old, or no verified backup at all. The second case
// carries verified="none", so the text can say which of the two it is.
PrometheusAlertExpression backupAge(const AlertRule &rule)
{
    const QString sel = selector({PrometheusAlertExpression::subjectMatcher(QStringLiteral("target"), rule.subjects)});
    return {QStringLiteral("(time() - e2i_backup_last_verified_timestamp_seconds%1) > on (target) e2i_backup_max_age_seconds%1"
                           " or on (target) label_replace(e2i_backup_max_age_seconds%1 unless on (target) "
                           "e2i_backup_last_verified_timestamp_seconds, \"verified\", \"none\", \"\", \"\")")
                .arg(sel),
            PrometheusAlertExpression::labelTemplate(QStringLiteral("target")),
            QStringLiteral("{{ if eq $labels.verified \"none\" }}no verified backup{{ else }}newest verified backup is "
                           "{{ $value | humanizeDuration }} old{{ end }}")};
}

QString neverFires(const AlertRule &rule, const QString &subject)
{
    return QStringLiteral("its subjects (%1) leave out '%2', its only subject: it never fires")
        .arg(rule.subjects.join(QStringLiteral(", ")), subject);
}

} // namespace

std::optional<PrometheusAlertExpression> PrometheusAlertExpression::of(const AlertRule &rule, double hoursPerMonth,
                                                                       QString *whyNot)
{
    switch (rule.kind) {
    case AlertKind::QueueDepth:
        return queueDepth(rule);
    case AlertKind::QueueWait:
        return queueWait(rule);
    case AlertKind::FlowFinding:
        return finding(rule, rule.finding);
    case AlertKind::TierAtMaxGrowing:
        return finding(rule, FlowFindingKinds::AtMaxGrowing);
    case AlertKind::ServiceStatus:
        return serviceStatus(rule);
    case AlertKind::RedisDisconnected:
        if (!rule.appliesTo(QStringLiteral("redis")))
            break;
        return PrometheusAlertExpression{QStringLiteral("e2i_redis_connected == 0"), QStringLiteral("redis"),
                                         QStringLiteral("disconnected")};
    case AlertKind::CostBudget:
        if (!rule.appliesTo(QStringLiteral("cost")))
            break;
        return PrometheusAlertExpression{
            QStringLiteral("e2i_cost_usd_per_hour * %1 > %2").arg(threshold(hoursPerMonth), threshold(rule.threshold)),
            QStringLiteral("cost"), QStringLiteral("{{ $value | printf \"%.0f\" }}")};
    case AlertKind::BackupAge:
        return backupAge(rule);
    }
    *whyNot = neverFires(rule, rule.kind == AlertKind::CostBudget ? QStringLiteral("cost") : QStringLiteral("redis"));
    return std::nullopt;
}

QString PrometheusAlertExpression::quoted(const QString &text)
{
    QString out = text;
    out.replace(u'\\', QStringLiteral("\\\\"));
    out.replace(u'"', QStringLiteral("\\\""));
    out.replace(u'\n', QStringLiteral("\\n"));
    return u'"' + out + u'"';
}

QString PrometheusAlertExpression::subjectMatcher(const QString &label, const QStringList &subjects)
{
    if (subjects.isEmpty())
        return {};
    if (subjects.size() == 1)
        return label + u'=' + quoted(subjects.first());
    QStringList alternatives;
    for (const QString &subject : subjects)
        alternatives.append(regexEscaped(subject));
    return label + QStringLiteral("=~") + quoted(alternatives.join(u'|'));
}

} // namespace e2i
