#include "PlatformProfile.h"

namespace e2i {

std::optional<int> ServiceSpec::publishedPort(int containerPort) const
{
    for (const PortMapping &mapping : ports) {
        if (mapping.containerPort == containerPort && mapping.hostPort > 0)
            return mapping.hostPort;
    }
    return std::nullopt;
}

const TierPolicy *AutoscalePolicy::tier(const QString &name) const
{
    for (const TierPolicy &candidate : tiers) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

const TierPolicy *AutoscalePolicy::tierForQueue(const QString &queue) const
{
    for (const TierPolicy &candidate : tiers) {
        if (candidate.queues.contains(queue))
            return &candidate;
    }
    return nullptr;
}

const ServiceSpec *PlatformProfile::service(const QString &name) const
{
    for (const ServiceSpec &candidate : services) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

QStringList PlatformProfile::allQueues() const
{
    QStringList queues;
    for (const TierPolicy &tier : autoscale.tiers)
        queues += tier.queues;
    return queues;
}

} // namespace e2i
