#include "SampleReconstructor.h"

#include "EventKinds.h"
#include "SampleSeries.h"
#include "monitor/MetricsStore.h"

#include <QRegularExpression>

namespace e2i {
namespace {

QDateTime utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

// The <name> of every series "<prefix>/<name>/<suffix>".
QStringList namesOf(const QStringList &series, const QString &prefix, const QString &suffix)
{
    QStringList names;
    const QRegularExpression pattern(QRegularExpression::anchoredPattern(
        QRegularExpression::escape(prefix) + QStringLiteral("/(.+)/") + QRegularExpression::escape(suffix)));
    for (const QString &s : series) {
        const auto match = pattern.match(s);
        if (match.hasMatch() && !match.captured(1).contains(QStringLiteral("/priority")))
            names.append(match.captured(1));
    }
    return names;
}

} // namespace

std::optional<double> SampleReconstructor::valueAt(const QString &series, qint64 timeMs)
{
    const auto point = m_store.valueAt(series, timeMs, kStaleMs);
    if (!point)
        return std::nullopt;
    return point->last;
}

std::optional<PlatformSample> SampleReconstructor::sampleAt(qint64 timeMs, const QString &environment)
{
    const auto redis = m_store.valueAt(SampleSeries::redisConnectedSeries(), timeMs, kStaleMs);
    if (!redis)
        return std::nullopt;
    m_names = m_store.seriesNames();
    PlatformSample sample;
    sample.environment = environment;
    sample.sampledAt = utc(redis->timeMs);
    sample.redis.connected = redis->last > 0.5;
    if (!sample.redis.connected) {
        const auto events = m_store.events(timeMs - HistoryStore::kDayMs, timeMs, EventKinds::RedisDisconnected);
        if (!events.isEmpty()) {
            sample.redis.url = events.back().subject;
            sample.redis.disconnectedSince = utc(events.back().timeMs);
            sample.redis.lastError = events.back().detail;
        }
    }
    addServices(sample, timeMs);
    if (sample.redis.connected)
        addQueues(sample, timeMs);
    addTiers(sample, timeMs);
    return sample;
}

void SampleReconstructor::addServices(PlatformSample &sample, qint64 timeMs)
{
    for (const QString &name : namesOf(m_names, QStringLiteral("service"), QStringLiteral("status"))) {
        const auto status = valueAt(SampleSeries::serviceStatusSeries(name), timeMs);
        if (!status)
            continue;
        ServiceHealth s;
        s.name = name;
        s.status = SampleSeries::statusFromValue(*status);
        s.latencyMs = valueAt(MetricsStore::serviceLatencySeries(name), timeMs).value_or(-1.0);
        s.httpStatus = int(valueAt(SampleSeries::serviceHttpCodeSeries(name), timeMs).value_or(0));
        s.checkedAt = sample.sampledAt;
        if (const auto change = m_store.lastEvent(EventKinds::ServiceStatus, name, timeMs)) {
            s.lastChange = utc(change->timeMs);
            s.detail = change->detail;
        }
        sample.services.append(s);
    }
}

void SampleReconstructor::addQueues(PlatformSample &sample, qint64 timeMs)
{
    for (const QString &name : namesOf(m_names, QStringLiteral("queue"), QStringLiteral("depth"))) {
        const auto depth = valueAt(MetricsStore::queueDepthSeries(name), timeMs);
        if (!depth)
            continue;
        QueueDepth q;
        q.name = name;
        q.depth = qint64(*depth);
        q.unacked = qint64(valueAt(MetricsStore::queueUnackedSeries(name), timeMs).value_or(0));
        if (const TierPolicy *tier = m_profile.autoscale.tierForQueue(name))
            q.tier = tier->name;
        const QString priorityPrefix = QStringLiteral("queue/") + name + QStringLiteral("/priority/");
        for (const QString &series : std::as_const(m_names))
            if (series.startsWith(priorityPrefix))
                if (const auto v = valueAt(series, timeMs))
                    q.byPriority.insert(series.mid(priorityPrefix.size()).toInt(), qint64(*v));
        sample.queues.append(q);
    }
}

void SampleReconstructor::addTiers(PlatformSample &sample, qint64 timeMs)
{
    bool anyReplicas = false;
    for (const TierPolicy &policy : m_profile.autoscale.tiers) {
        TierState tier = TierState::fromPolicy(policy);
        const auto replicas = sample.redis.connected ? valueAt(MetricsStore::tierReplicasSeries(policy.name), timeMs)
                                                     : std::nullopt;
        tier.countsKnown = replicas.has_value();
        if (tier.countsKnown) {
            anyReplicas = true;
            tier.replicas = int(*replicas);
            tier.queued = qint64(valueAt(MetricsStore::tierQueuedSeries(policy.name), timeMs).value_or(0));
            tier.unacked = qint64(valueAt(SampleSeries::tierUnackedSeries(policy.name), timeMs).value_or(0));
        } else {
            tier.lastKnown = lastKnown(policy.name, timeMs);
        }
        sample.tiers.append(tier);
    }
    sample.eventsConnected = anyReplicas;
}

// The last counts recorded before `timeMs` (within a day), for a moment when
// they could not be measured.
TierCounts SampleReconstructor::lastKnown(const QString &tier, qint64 timeMs)
{
    TierCounts counts;
    const auto replicas = m_store.valueAt(MetricsStore::tierReplicasSeries(tier), timeMs, HistoryStore::kDayMs);
    if (!replicas)
        return counts;
    counts.replicas = int(replicas->last);
    counts.at = utc(replicas->timeMs);
    if (const auto queued = m_store.valueAt(MetricsStore::tierQueuedSeries(tier), replicas->timeMs, kStaleMs))
        counts.queued = qint64(queued->last);
    if (const auto unacked = m_store.valueAt(SampleSeries::tierUnackedSeries(tier), replicas->timeMs, kStaleMs))
        counts.unacked = qint64(unacked->last);
    return counts;
}

} // namespace e2i
