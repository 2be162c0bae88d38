#include "DefaultAlertRules.h"

namespace e2i {
namespace {

constexpr qint64 kMinute = 60 * 1000;

AlertRule rule(const char16_t *name, AlertKind kind, AlertSeverity severity, qint64 forMs, double threshold = 0.0,
               const QString &finding = {})
{
    AlertRule r;
    r.name = QString::fromUtf16(name);
    r.kind = kind;
    r.severity = severity;
    r.forMs = forMs;
    r.threshold = threshold;
    r.finding = finding;
    return r;
}

AlertRule finding(const char16_t *name, const char *kind, AlertSeverity severity)
{
    return rule(name, AlertKind::FlowFinding, severity, 5 * kMinute, 0.0, QString::fromLatin1(kind));
}

} // namespace

QList<AlertRule> DefaultAlertRules::rules()
{
    return {
        rule(u"queue_backlog", AlertKind::QueueDepth, AlertSeverity::Warning, 10 * kMinute, 100),
        rule(u"tier_saturated", AlertKind::TierAtMaxGrowing, AlertSeverity::Warning, 5 * kMinute),
        finding(u"no_consumer", "no_consumer", AlertSeverity::Critical),
        finding(u"stalled", "stalled", AlertSeverity::Critical),
        finding(u"failing", "failing", AlertSeverity::Warning),
        finding(u"worker_lost", "worker_lost", AlertSeverity::Warning),
        rule(u"service_down", AlertKind::ServiceStatus, AlertSeverity::Critical, 2 * kMinute),
        rule(u"redis_disconnected", AlertKind::RedisDisconnected, AlertSeverity::Critical, 1 * kMinute),
        rule(u"backup_stale", AlertKind::BackupAge, AlertSeverity::Warning, 10 * kMinute),
    };
}

} // namespace e2i
