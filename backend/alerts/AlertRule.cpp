#include "AlertRule.h"

#include <array>
#include <utility>

namespace e2i {
namespace {

// Stable strings: they are in console.yml files and in recorded events.
const std::array<std::pair<AlertKind, QString>, 8> &kinds()
{
    static const std::array<std::pair<AlertKind, QString>, 8> table{{
        {AlertKind::QueueDepth, QStringLiteral("queue_depth")},
        {AlertKind::QueueWait, QStringLiteral("queue_wait")},
        {AlertKind::FlowFinding, QStringLiteral("flow_finding")},
        {AlertKind::ServiceStatus, QStringLiteral("service_status")},
        {AlertKind::RedisDisconnected, QStringLiteral("redis_disconnected")},
        {AlertKind::BackupAge, QStringLiteral("backup_age")},
        {AlertKind::CostBudget, QStringLiteral("cost_budget")},
        {AlertKind::TierAtMaxGrowing, QStringLiteral("tier_at_max_growing")},
    }};
    return table;
}

} // namespace

QString AlertRule::render(const QString &subject, const QString &value) const
{
    QString out = text.isEmpty() ? defaultText(kind) : text;
    out.replace(QStringLiteral("{subject}"), subject);
    out.replace(QStringLiteral("{value}"), value);
    out.replace(QStringLiteral("{threshold}"), QString::number(threshold));
    out.replace(QStringLiteral("{rule}"), name);
    out.replace(QStringLiteral("{finding}"), finding);
    return out;
}

QString AlertRule::kindName(AlertKind kind)
{
    for (const auto &[k, name] : kinds())
        if (k == kind)
            return name;
    return {};
}

std::optional<AlertKind> AlertRule::kindFromName(const QString &name)
{
    for (const auto &[k, n] : kinds())
        if (n == name)
            return k;
    return std::nullopt;
}

QStringList AlertRule::kindNames()
{
    QStringList names;
    for (const auto &entry : kinds())
        names.append(entry.second);
    return names;
}

QString AlertRule::severityName(AlertSeverity severity)
{
    return severity == AlertSeverity::Critical ? QStringLiteral("critical") : QStringLiteral("warning");
}

std::optional<AlertSeverity> AlertRule::severityFromName(const QString &name)
{
    if (name == u"warning")
        return AlertSeverity::Warning;
    if (name == u"critical")
        return AlertSeverity::Critical;
    return std::nullopt;
}

QString AlertRule::defaultText(AlertKind kind)
{
    switch (kind) {
    case AlertKind::QueueDepth:
        return QStringLiteral("queue {subject} has {value} tasks waiting (above {threshold})");
    case AlertKind::QueueWait:
        return QStringLiteral("tasks on queue {subject} wait {value} s (p95 over 5 min, above {threshold} s)");
    case AlertKind::FlowFinding:
        return QStringLiteral("{finding}: {subject}: {value}");
    case AlertKind::ServiceStatus:
        return QStringLiteral("service {subject} is {value}");
    case AlertKind::RedisDisconnected:
        return QStringLiteral("the broker cannot be read: {value}");
    case AlertKind::BackupAge:
        return QStringLiteral("backup target {subject}: {value}");
    case AlertKind::CostBudget:
        return QStringLiteral("cost estimate {value} USD a month is above the budget of {threshold}");
    case AlertKind::TierAtMaxGrowing:
        return QStringLiteral("tier {subject} is at max replicas and its queue grows: {value}");
    }
    return {};
}

} // namespace e2i
