#include "FakePlatformHistory.h"

#include <QDateTime>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace e2i::testing {

namespace {

TierPolicy makeTier(const QString &name, QStringList queues, int minReplicas, int maxReplicas,
                    double up, double down)
{
    TierPolicy tier;
    tier.name = name;
    tier.service = u"worker_" + name;
    tier.queues = std::move(queues);
    tier.minReplicas = minReplicas;
    tier.maxReplicas = maxReplicas;
    tier.scaleUpThreshold = up;
    tier.scaleDownThreshold = down;
    return tier;
}

// Typical queue levels per tier: light work queues by the dozen, heavy jobs by the handful.
double baseDepth(const QString &tier)
{
    if (tier == u"light")
        return 25.0;
    if (tier == u"medium")
        return 8.0;
    return 1.5;
}

} // namespace

PlatformProfile FakePlatformHistory::profile(int extraQueues)
{
    PlatformProfile profile;
    profile.projectName = QStringLiteral("e2i");
    QStringList light{QStringLiteral("default"), QStringLiteral("quick"), QStringLiteral("api")};
    for (int i = 1; i <= extraQueues; ++i)
        light.append(QStringLiteral("extra%1").arg(i));
    profile.autoscale.tiers = {
        makeTier(QStringLiteral("light"), light, 2, 4, 20.0, 5.0),
        makeTier(QStringLiteral("medium"), {QStringLiteral("analytics"), QStringLiteral("reports")}, 1, 3, 10.0, 2.0),
        makeTier(QStringLiteral("heavy"),
                 {QStringLiteral("shap"), QStringLiteral("causal"), QStringLiteral("ml"), QStringLiteral("twins")},
                 0, 4, 1.0, 0.5),
    };
    return profile;
}

FakePlatformHistory::FakePlatformHistory(PlatformProfile profile, quint32 seed)
    : m_profile(std::move(profile))
    , m_random(seed)
{
    for (const TierPolicy &tier : std::as_const(m_profile.autoscale.tiers))
        m_replicas.append(tier.minReplicas);
    for (int i = 0; i < kServiceCount; ++i)
        m_services.append(QStringLiteral("service%1").arg(i + 1));
}

PlatformSample FakePlatformHistory::fill(MetricsStore &store, qint64 endMs, int seconds, int stepSeconds)
{
    PlatformSample sample;
    for (qint64 t = endMs - qint64(seconds) * 1000; t <= endMs; t += qint64(stepSeconds) * 1000) {
        sample = sampleAt(t);
        store.record(sample);
    }
    return sample;
}

PlatformSample FakePlatformHistory::sampleAt(qint64 timeMs)
{
    PlatformSample sample;
    sample.environment = QStringLiteral("fake");
    sample.sampledAt = QDateTime::fromMSecsSinceEpoch(timeMs, QTimeZone::utc());
    sample.redis.connected = true;
    int queueIndex = 0;
    for (int t = 0; t < m_profile.autoscale.tiers.size(); ++t) {
        const TierPolicy &policy = m_profile.autoscale.tiers[t];
        TierState tier = TierState::fromPolicy(policy);
        tier.replicas = m_replicas[t];
        for (const QString &name : policy.queues) {
            QueueDepth queue;
            queue.name = name;
            queue.tier = policy.name;
            queue.depth = qint64(std::lround(depthOf(queueIndex++, policy, timeMs)));
            tier.queued += queue.depth;
            sample.queues.append(queue);
        }
        followLoad(tier, policy);
        m_replicas[t] = tier.replicas;
        sample.tiers.append(tier);
    }
    for (const QString &name : std::as_const(m_services)) {
        ServiceHealth service;
        service.name = name;
        service.status = HealthStatus::Up;
        service.latencyMs = 5.0 + 20.0 * m_random.generateDouble();
        sample.services.append(service);
    }
    return sample;
}

// A slow daily-ish swell, a faster wave per queue, noise, and now and then a burst.
double FakePlatformHistory::depthOf(int queueIndex, const TierPolicy &tier, qint64 timeMs)
{
    constexpr double kTwoPi = 2.0 * std::numbers::pi;
    const double hours = double(timeMs) / 3.6e6;
    const double base = baseDepth(tier.name) / (1.0 + 0.3 * (queueIndex % 3));
    const double swell = 0.6 * std::sin(kTwoPi * hours / 6.0 + queueIndex);
    const double wave = 0.4 * std::sin(kTwoPi * hours * 3.0 + 1.7 * queueIndex);
    const double noise = 0.1 * (m_random.generateDouble() - 0.5);
    const bool burst = m_random.bounded(2000) == 0;
    const double depth = base * (1.0 + swell + wave + noise) + (burst ? 4.0 * base : 0.0);
    return std::max(0.0, depth);
}

// Roughly what the autoscaler would do, one step at a time, without cooldowns.
void FakePlatformHistory::followLoad(TierState &tier, const TierPolicy &policy)
{
    const double load = double(tier.queued) / std::max(tier.replicas, 1);
    if (load > policy.scaleUpThreshold)
        tier.replicas = std::min(policy.maxReplicas, tier.replicas + 1);
    else if (load < policy.scaleDownThreshold)
        tier.replicas = std::max(policy.minReplicas, tier.replicas - 1);
}

} // namespace e2i::testing
