#include "ProblemsSummary.h"

namespace e2i {
namespace {

QString since(const QDateTime &start, const QDateTime &now)
{
    if (!start.isValid())
        return {};
    return QStringLiteral(" since %1 UTC (%2)")
        .arg(start.toUTC().toString(QStringLiteral("HH:mm:ss")), ProblemsSummary::age(start.msecsTo(now)));
}

} // namespace

QString ProblemsSummary::age(qint64 ms)
{
    const qint64 s = std::max<qint64>(ms, 0) / 1000;
    if (s < 60)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    if (s < 86400)
        return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
    return QStringLiteral("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

QStringList ProblemsSummary::lines(const PlatformSample &sample, const StateChangeTracker &changes)
{
    QStringList out;
    const QDateTime now = sample.sampledAt;
    if (!sample.redis.connected)
        out << QStringLiteral("redis unreachable") + since(sample.redis.disconnectedSince, now)
                   + (sample.redis.lastError.isEmpty() ? QString() : QStringLiteral(": ") + sample.redis.lastError);
    for (const ServiceHealth &s : sample.services) {
        if (s.status == HealthStatus::Up || s.status == HealthStatus::Unknown)
            continue;
        out << s.name + u' ' + healthStatusName(s.status) + since(s.lastChange, now)
                   + (s.detail.isEmpty() ? QString() : QStringLiteral(": ") + s.detail);
    }
    // Flow findings (no consumer, stalled, failing...): below_min is the tier
    // line below, which also knows when the tier went below.
    for (const FlowFinding &finding : sample.attention)
        if (finding.kind != FlowFindingKinds::BelowMin)
            out << QString(finding.kind).replace(u'_', u' ') + u' ' + finding.subject + since(finding.since, now)
                       + (finding.detail.isEmpty() ? QString() : QStringLiteral(": ") + finding.detail);
    if (sample.eventsConnected) {
        for (const TierState &tier : sample.tiers)
            if (tier.countsKnown && tier.replicas < tier.minReplicas)
                out << QStringLiteral("%1 %2 of min %3 workers").arg(tier.name).arg(tier.replicas).arg(tier.minReplicas)
                           + since(changes.tierBelowMinSince(tier.name), now);
    }
    return out;
}

} // namespace e2i
