#include "AlertCondition.h"

#include "flow/FlowFinding.h"

namespace e2i {
namespace {

using Hit = AlertCondition::Hit;

AlertCondition unknown()
{
    return {false, {}};
}

AlertCondition queueDepth(const AlertRule &rule, const PlatformSample &sample)
{
    if (!sample.redis.connected)
        return unknown(); // depths read 0 while the broker is away: not a measurement
    AlertCondition c;
    for (const QueueDepth &q : sample.queues)
        if (rule.appliesTo(q.name) && double(q.depth) > rule.threshold)
            c.hits.append({q.name, QString::number(q.depth)});
    return c;
}

AlertCondition queueWait(const AlertRule &rule, const AlertInputs &inputs)
{
    if (!inputs.queueWaitP95)
        return unknown();
    AlertCondition c;
    for (auto it = inputs.queueWaitP95->cbegin(); it != inputs.queueWaitP95->cend(); ++it)
        if (rule.appliesTo(it.key()) && *it > rule.threshold)
            c.hits.append({it.key(), QString::number(*it, 'f', 1)});
    return c;
}

// While Redis cannot be read the flow detector judges only `failing`, so the
// other findings are unknown then rather than cleared.
AlertCondition finding(const AlertRule &rule, const QString &kind, const PlatformSample &sample)
{
    if (!sample.redis.connected && kind != FlowFindingKinds::Failing)
        return unknown();
    AlertCondition c;
    for (const FlowFinding &f : sample.attention)
        if (f.kind == kind && rule.appliesTo(f.subject))
            c.hits.append({f.subject, f.detail});
    return c;
}

AlertCondition serviceStatus(const AlertRule &rule, const PlatformSample &sample)
{
    AlertCondition c;
    for (const ServiceHealth &s : sample.services) {
        const bool bad = s.status == HealthStatus::Down || (rule.degradedCounts && s.status == HealthStatus::Degraded);
        if (bad && rule.appliesTo(s.name))
            c.hits.append({s.name, healthStatusName(s.status) + (s.detail.isEmpty() ? QString() : u" (" + s.detail + u')')});
    }
    return c;
}

AlertCondition redis(const AlertRule &rule, const PlatformSample &sample)
{
    AlertCondition c;
    const QString subject = QStringLiteral("redis");
    if (!sample.redis.connected && rule.appliesTo(subject))
        c.hits.append({subject, sample.redis.lastError.isEmpty() ? QStringLiteral("disconnected") : sample.redis.lastError});
    return c;
}

QString ageText(qint64 ms)
{
    return QStringLiteral("newest verified backup is %1 h old").arg(double(ms) / 3'600'000.0, 0, 'f', 1);
}

AlertCondition backupAge(const AlertRule &rule, qint64 nowMs, const QList<BackupAge> *backups)
{
    if (!backups)
        return unknown();
    AlertCondition c;
    for (const BackupAge &b : *backups) {
        if (!rule.appliesTo(b.target))
            continue;
        const qint64 maxMs = qint64(b.maxAgeHours) * 3'600'000;
        if (b.lastVerifiedMs <= 0)
            c.hits.append({b.target, QStringLiteral("no verified backup")});
        else if (nowMs - b.lastVerifiedMs > maxMs)
            c.hits.append({b.target, ageText(nowMs - b.lastVerifiedMs) + QStringLiteral(" (max %1 h)").arg(b.maxAgeHours)});
    }
    return c;
}

AlertCondition cost(const AlertRule &rule, const AlertInputs &inputs)
{
    if (!inputs.costUsdPerHour)
        return unknown();
    AlertCondition c;
    const double monthly = *inputs.costUsdPerHour * inputs.hoursPerMonth;
    const QString subject = QStringLiteral("cost");
    if (monthly > rule.threshold && rule.appliesTo(subject))
        c.hits.append({subject, QString::number(monthly, 'f', 0)});
    return c;
}

} // namespace

AlertCondition AlertCondition::judge(const AlertRule &rule, const AlertInputs &inputs, const QList<BackupAge> *backups)
{
    const PlatformSample &sample = inputs.sample;
    switch (rule.kind) {
    case AlertKind::QueueDepth:
        return queueDepth(rule, sample);
    case AlertKind::QueueWait:
        return queueWait(rule, inputs);
    case AlertKind::FlowFinding:
        return finding(rule, rule.finding, sample);
    case AlertKind::ServiceStatus:
        return serviceStatus(rule, sample);
    case AlertKind::RedisDisconnected:
        return redis(rule, sample);
    case AlertKind::BackupAge:
        return backupAge(rule, sample.sampledAt.toMSecsSinceEpoch(), backups);
    case AlertKind::CostBudget:
        return cost(rule, inputs);
    case AlertKind::TierAtMaxGrowing:
        return finding(rule, FlowFindingKinds::AtMaxGrowing, sample);
    }
    return unknown();
}

} // namespace e2i
