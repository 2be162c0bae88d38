#include "MetricsStore.h"

#include "PlatformSample.h"

namespace e2i {

MetricsStore::MetricsStore(std::size_t pointsPerSeries)
    : m_pointsPerSeries(pointsPerSeries)
{
}

void MetricsStore::record(const PlatformSample &sample)
{
    const qint64 t = sample.sampledAt.toMSecsSinceEpoch();
    append(redisConnectedSeries(), t, sample.redis.connected ? 1.0 : 0.0);
    // While Redis is away there is no queue or worker data: leave gaps rather
    // than recording zeros that would read as "empty queues".
    if (sample.redis.connected) {
        for (const auto &q : sample.queues) {
            append(queueDepthSeries(q.name), t, double(q.depth));
            append(queueUnackedSeries(q.name), t, double(q.unacked));
        }
        for (const auto &tier : sample.tiers) {
            if (!tier.countsKnown)
                continue; // worker events unavailable: 0 replicas would be a guess
            append(tierReplicasSeries(tier.name), t, tier.replicas);
            append(tierQueuedSeries(tier.name), t, double(tier.queued));
        }
    }
    for (const auto &s : sample.services)
        if (s.latencyMs >= 0)
            append(serviceLatencySeries(s.name), t, s.latencyMs);
}

void MetricsStore::append(const QString &series, qint64 timeMs, double value)
{
    auto it = m_series.find(series);
    if (it == m_series.end())
        it = m_series.insert(series, TimeSeries(m_pointsPerSeries));
    it->append(timeMs, value);
}

void MetricsStore::prependHistory(const QString &series, const std::vector<SeriesPoint> &older)
{
    auto it = m_series.find(series);
    if (it == m_series.end())
        it = m_series.insert(series, TimeSeries(m_pointsPerSeries));
    it->prependHistory(older);
}

const TimeSeries *MetricsStore::series(const QString &name) const
{
    const auto it = m_series.constFind(name);
    return it == m_series.constEnd() ? nullptr : &*it;
}

bool MetricsStore::grew(const QString &name, qint64 nowMs, qint64 overMs) const
{
    const TimeSeries *s = series(name);
    double before = 0.0;
    double now = 0.0;
    if (!s || !s->valueAt(nowMs - overMs, &before) || !s->valueAt(nowMs, &now))
        return false;
    return now > before;
}

QString MetricsStore::queueDepthSeries(const QString &queue) { return u"queue/" + queue + u"/depth"; }
QString MetricsStore::queueUnackedSeries(const QString &queue) { return u"queue/" + queue + u"/unacked"; }
QString MetricsStore::tierReplicasSeries(const QString &tier) { return u"tier/" + tier + u"/replicas"; }
QString MetricsStore::tierQueuedSeries(const QString &tier) { return u"tier/" + tier + u"/queued"; }
QString MetricsStore::serviceLatencySeries(const QString &service) { return u"service/" + service + u"/latency_ms"; }

} // namespace e2i
