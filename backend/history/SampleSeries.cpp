#include "SampleSeries.h"

#include "monitor/MetricsStore.h"

#include <cmath>

namespace e2i {
namespace {

void addQueues(HistoryStore::Values &values, const PlatformSample &sample)
{
    for (const QueueDepth &q : sample.queues) {
        values.emplace_back(MetricsStore::queueDepthSeries(q.name), double(q.depth));
        values.emplace_back(MetricsStore::queueUnackedSeries(q.name), double(q.unacked));
        for (auto it = q.byPriority.cbegin(); it != q.byPriority.cend(); ++it)
            values.emplace_back(SampleSeries::queuePrioritySeries(q.name, it.key()), double(it.value()));
    }
}

void addTiers(HistoryStore::Values &values, const PlatformSample &sample)
{
    for (const TierState &tier : sample.tiers) {
        // Counts read while queues or events could not be: zeros that were not
        // measured (TierState::countsKnown).
        if (!tier.countsKnown)
            continue;
        values.emplace_back(MetricsStore::tierQueuedSeries(tier.name), double(tier.queued));
        values.emplace_back(SampleSeries::tierUnackedSeries(tier.name), double(tier.unacked));
        qint64 active = 0;
        qint64 processed = 0;
        for (const WorkerInfo &w : tier.workers) {
            active += w.active;
            processed += w.processed;
        }
        values.emplace_back(MetricsStore::tierReplicasSeries(tier.name), double(tier.replicas));
        values.emplace_back(SampleSeries::tierActiveSeries(tier.name), double(active));
        values.emplace_back(SampleSeries::tierProcessedSeries(tier.name), double(processed));
    }
}

void addServices(HistoryStore::Values &values, const PlatformSample &sample)
{
    for (const ServiceHealth &s : sample.services) {
        values.emplace_back(SampleSeries::serviceStatusSeries(s.name), SampleSeries::statusValue(s.status));
        // To the µs: finer is noise for a health probe, and it packs as integers.
        if (s.latencyMs >= 0)
            values.emplace_back(MetricsStore::serviceLatencySeries(s.name), std::round(s.latencyMs * 1000.0) / 1000.0);
        if (s.httpStatus > 0)
            values.emplace_back(SampleSeries::serviceHttpCodeSeries(s.name), double(s.httpStatus));
    }
}

} // namespace

HistoryStore::Values SampleSeries::flatten(const PlatformSample &sample, const std::optional<LiveCostRate::Rates> &cost)
{
    HistoryStore::Values values;
    values.emplace_back(redisConnectedSeries(), sample.redis.connected ? 1.0 : 0.0);
    if (sample.redis.connected) {
        addQueues(values, sample);
        addTiers(values, sample);
    }
    addServices(values, sample);
    if (cost) {
        values.emplace_back(costSeries(), cost->total);
        for (auto it = cost->tiers.cbegin(); it != cost->tiers.cend(); ++it)
            values.emplace_back(tierCostSeries(it.key()), it.value());
    }
    return values;
}

HealthStatus SampleSeries::statusFromValue(double value)
{
    const int v = int(value);
    return v >= 0 && v <= int(HealthStatus::Unknown) ? HealthStatus(v) : HealthStatus::Unknown;
}

QString SampleSeries::queuePrioritySeries(const QString &queue, int step)
{
    return u"queue/" + queue + u"/priority/" + QString::number(step);
}
QString SampleSeries::tierUnackedSeries(const QString &tier) { return u"tier/" + tier + u"/unacked"; }
QString SampleSeries::tierActiveSeries(const QString &tier) { return u"tier/" + tier + u"/active"; }
QString SampleSeries::tierProcessedSeries(const QString &tier) { return u"tier/" + tier + u"/processed"; }
QString SampleSeries::serviceStatusSeries(const QString &service) { return u"service/" + service + u"/status"; }
QString SampleSeries::serviceHttpCodeSeries(const QString &service) { return u"service/" + service + u"/http_code"; }
QString SampleSeries::redisConnectedSeries() { return MetricsStore::redisConnectedSeries(); }
QString SampleSeries::costSeries() { return QStringLiteral("cost/usd_per_hour"); }
QString SampleSeries::tierCostSeries(const QString &tier) { return u"cost/tier/" + tier + u"/usd_per_hour"; }

} // namespace e2i
