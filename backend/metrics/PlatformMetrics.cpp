#include "PlatformMetrics.h"

#include "platform/SecretMasker.h"

#include <algorithm>
#include <iterator>

namespace e2i {
namespace {

double seconds(const QDateTime &t)
{
    return double(t.toMSecsSinceEpoch()) / 1000.0;
}

double flag(bool on)
{
    return on ? 1.0 : 0.0;
}

MetricFamily gauge(const QString &name, const QString &help)
{
    return {name, help, MetricType::Gauge, {}};
}

// A gauge with one sample per item, labelled by `labelsOf`; `valueOf` returns
// nullopt for an item whose value is not known, which then has no sample.
template <typename Item, typename ValueOf>
MetricFamily gaugeOver(const QString &name, const QString &help, const QList<Item> &items,
                       MetricLabels (*labelsOf)(const Item &), ValueOf valueOf)
{
    MetricFamily family = gauge(name, help);
    for (const Item &item : items)
        if (const std::optional<double> value = valueOf(item))
            family.add(labelsOf(item), *value);
    return family;
}

MetricLabels tierLabels(const TierState &tier)
{
    return {{QStringLiteral("tier"), tier.name}};
}

MetricLabels serviceLabels(const ServiceHealth &service)
{
    return {{QStringLiteral("service"), service.name}};
}

} // namespace

QList<MetricFamily> PlatformMetrics::families(const PlatformSample &sample, bool complete,
                                              std::optional<double> costUsdPerHour)
{
    QList<MetricFamily> out = platform(sample);
    out += queues(sample);
    out += tiers(sample, complete);
    out += services(sample);
    out.append(findings(sample));
    MetricFamily cost = gauge(QStringLiteral("e2i_cost_usd_per_hour"),
                              QStringLiteral("Estimated cost of the platform at its current replicas, US dollars per hour."));
    if (costUsdPerHour)
        cost.add({}, *costUsdPerHour);
    out.append(cost);
    return out;
}

QList<MetricFamily> PlatformMetrics::platform(const PlatformSample &sample)
{
    MetricFamily info = gauge(QStringLiteral("e2i_platform_info"),
                              QStringLiteral("The environment being monitored and its Redis (always 1)."));
    // RedisState::url is the redacted form already; masked again so that a
    // future caller filling it from a raw URL still cannot leak a password.
    info.add({{QStringLiteral("environment"), sample.environment},
              {QStringLiteral("redis"), SecretMasker::mask(sample.redis.url)}},
             1);
    MetricFamily sampled = gauge(QStringLiteral("e2i_sample_timestamp_seconds"),
                                 QStringLiteral("When the last platform sample was taken, Unix time."));
    if (sample.sampledAt.isValid())
        sampled.add({}, seconds(sample.sampledAt));
    MetricFamily redis = gauge(QStringLiteral("e2i_redis_connected"),
                               QStringLiteral("1 while the broker Redis answers, 0 while it cannot be read."));
    redis.add({}, flag(sample.redis.connected));
    MetricFamily events = gauge(QStringLiteral("e2i_events_connected"),
                                QStringLiteral("1 while the Celery event subscription is alive."));
    events.add({}, flag(sample.eventsConnected));
    return {info, sampled, redis, events};
}

QList<MetricFamily> PlatformMetrics::queues(const PlatformSample &sample)
{
    MetricFamily depth = gauge(QStringLiteral("e2i_queue_depth"),
                               QStringLiteral("Messages waiting in a queue's priority sub-queue (LLEN)."));
    MetricFamily unacked = gauge(QStringLiteral("e2i_queue_unacked"),
                                 QStringLiteral("Messages of a queue fetched by a worker and not yet acknowledged."));
    if (!sample.redis.connected)
        return {depth, unacked}; // nothing was read: no depths, not zero depths
    for (const QueueDepth &q : sample.queues) {
        if (!q.error.isEmpty())
            continue; // e.g. the key is not a list: its depth is not known
        for (auto it = q.byPriority.cbegin(); it != q.byPriority.cend(); ++it)
            depth.add({{QStringLiteral("queue"), q.name},
                       {QStringLiteral("tier"), q.tier},
                       {QStringLiteral("priority"), QString::number(it.key())}},
                      double(it.value()));
        unacked.add({{QStringLiteral("queue"), q.name}, {QStringLiteral("tier"), q.tier}}, double(q.unacked));
    }
    return {depth, unacked};
}

QList<MetricFamily> PlatformMetrics::tiers(const PlatformSample &sample, bool complete)
{
    const auto measured = [complete](const TierState &t) { return t.countsKnown && complete; };
    return {
        gaugeOver(QStringLiteral("e2i_tier_workers"), QStringLiteral("Live Celery workers of a tier (heartbeating)."),
                  sample.tiers, tierLabels,
                  [&](const TierState &t) { return measured(t) ? std::optional<double>(t.replicas) : std::nullopt; }),
        gaugeOver(QStringLiteral("e2i_tier_min_replicas"), QStringLiteral("The autoscale policy's minimum replicas of a tier."),
                  sample.tiers, tierLabels, [](const TierState &t) { return std::optional<double>(t.minReplicas); }),
        gaugeOver(QStringLiteral("e2i_tier_max_replicas"), QStringLiteral("The autoscale policy's maximum replicas of a tier."),
                  sample.tiers, tierLabels, [](const TierState &t) { return std::optional<double>(t.maxReplicas); }),
        gaugeOver(QStringLiteral("e2i_tier_counts_known"),
                  QStringLiteral("1 when a tier's workers and queued work were measured in the last "
                                 "sample, 0 while Redis or the events cannot be read."),
                  sample.tiers, tierLabels, [&](const TierState &t) { return std::optional<double>(flag(measured(t))); }),
    };
}

// Up / degraded / down as a state set (one series per state, 1 for the current
// one) plus `e2i_service_up` for the simple rule; an unknown status (no probe
// the console can run, a profile not started) has neither.
QList<MetricFamily> PlatformMetrics::services(const PlatformSample &sample)
{
    QList<ServiceHealth> probed;
    std::copy_if(sample.services.cbegin(), sample.services.cend(), std::back_inserter(probed),
                 [](const ServiceHealth &s) { return s.status != HealthStatus::Unknown; });
    MetricFamily status = gauge(QStringLiteral("e2i_service_status"),
                                QStringLiteral("A service's probe result as a state set: 1 for its current status."));
    for (const ServiceHealth &service : probed)
        for (const HealthStatus state : {HealthStatus::Up, HealthStatus::Degraded, HealthStatus::Down})
            status.add(serviceLabels(service) + MetricLabels{{QStringLiteral("status"), healthStatusName(state)}},
                       flag(service.status == state));
    return {
        gaugeOver(QStringLiteral("e2i_service_up"),
                  QStringLiteral("1 when a service's probe answered healthily (up), 0 when degraded or down."), probed,
                  serviceLabels, [](const ServiceHealth &s) { return std::optional<double>(flag(s.status == HealthStatus::Up)); }),
        status,
        gaugeOver(QStringLiteral("e2i_service_probe_duration_seconds"), QStringLiteral("How long a service's last answered probe took."),
                  probed, serviceLabels,
                  [](const ServiceHealth &s) { return s.latencyMs >= 0 ? std::optional<double>(s.latencyMs / 1000.0) : std::nullopt; }),
    };
}

MetricFamily PlatformMetrics::findings(const PlatformSample &sample)
{
    MetricFamily family = gauge(QStringLiteral("e2i_flow_finding"),
                                QStringLiteral("1 for each flow finding that holds now (no_consumer, stalled, failing, "
                                               "below_min, at_max_growing, worker_lost) and its subject."));
    for (const FlowFinding &finding : sample.attention)
        family.add({{QStringLiteral("kind"), finding.kind}, {QStringLiteral("subject"), finding.subject}}, 1);
    return family;
}

} // namespace e2i
