#include "cost/CostScenarios.h"

#include "cost/CostModel.h"

namespace e2i {

QHash<QString, int> CostScenarios::replicasAtMin(const AutoscalePolicy &policy)
{
    QHash<QString, int> replicas;
    for (const TierPolicy &tier : policy.tiers)
        replicas.insert(tier.name, tier.minReplicas);
    return replicas;
}

QHash<QString, int> CostScenarios::replicasAtMax(const AutoscalePolicy &policy)
{
    QHash<QString, int> replicas;
    for (const TierPolicy &tier : policy.tiers)
        replicas.insert(tier.name, tier.maxReplicas);
    return replicas;
}

CostScenarios CostScenarios::compute(const PlatformProfile &profile, const QHash<QString, int> &currentReplicas,
                                     const PricingCatalog &catalog, const CostOptions &options)
{
    return {CostModel::estimate(profile, currentReplicas, catalog, options, QStringLiteral("current")),
            CostModel::estimate(profile, replicasAtMin(profile.autoscale), catalog, options,
                                QStringLiteral("minimum")),
            CostModel::estimate(profile, replicasAtMax(profile.autoscale), catalog, options,
                                QStringLiteral("peak"))};
}

} // namespace e2i
