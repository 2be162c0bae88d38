#include "PlatformSample.h"

#include "platform/PlatformProfile.h"

namespace e2i {

QString healthStatusName(HealthStatus status)
{
    switch (status) {
    case HealthStatus::Up:
        return QStringLiteral("up");
    case HealthStatus::Degraded:
        return QStringLiteral("degraded");
    case HealthStatus::Down:
        return QStringLiteral("down");
    case HealthStatus::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

const TierState *PlatformSample::tier(const QString &name) const
{
    for (const auto &t : tiers)
        if (t.name == name)
            return &t;
    return nullptr;
}

TierState TierState::fromPolicy(const TierPolicy &policy)
{
    TierState tier;
    tier.name = policy.name;
    tier.service = policy.service;
    tier.minReplicas = policy.minReplicas;
    tier.maxReplicas = policy.maxReplicas;
    tier.queues = policy.queues;
    tier.discovered = policy.discovered;
    tier.composeReplicas = policy.composeReplicas;
    return tier;
}

TierPolicy TierState::policy() const
{
    TierPolicy policy;
    policy.name = name;
    policy.service = service;
    policy.queues = queues;
    policy.minReplicas = minReplicas;
    policy.maxReplicas = maxReplicas;
    policy.discovered = discovered;
    policy.composeReplicas = composeReplicas;
    return policy;
}

} // namespace e2i
