#include "policy/WhatIfCost.h"

#include "cost/ResourcePricing.h"
#include "cost/ServicePricingBasis.h"

namespace e2i::WhatIfCost {
namespace {

constexpr double kSecondsPerHour = 3600.0;

const TierSimulation *findSimulation(const WhatIfResult &result, const QString &tier)
{
    for (const TierSimulation &simulation : result.tiers) {
        if (simulation.tier == tier)
            return &simulation;
    }
    return nullptr;
}

double spanHours(const TierSimulation &simulation)
{
    if (simulation.times.size() < 2)
        return 0.0;
    return double(simulation.times.last() - simulation.times.first()) / kSecondsPerHour;
}

// usd per replica-hour of `tier` under `policy`; 0 with a note when it cannot be priced.
double replicaPrice(const AutoscalePolicy &policy, const QString &tier, const PlatformProfile &profile,
                    const ResourcePrices &prices, QStringList &notes)
{
    const TierPolicy *tierPolicy = policy.tier(tier);
    const ServiceSpec *service = tierPolicy ? profile.service(tierPolicy->service) : nullptr;
    if (!service) {
        notes << QStringLiteral("tier '%1': service '%2' is not in the compose file; priced at $0")
                     .arg(tier, tierPolicy ? tierPolicy->service : QString());
        return 0.0;
    }
    const ServicePricingBasis basis = ServicePricingBasis::ofTier(*service);
    if (!basis.isPriced())
        notes << QStringLiteral("tier '%1': service '%2': %3; priced at $0").arg(tier, service->name, basis.reason);
    return ResourcePricing::usdPerHour(prices, basis.perReplica.cpus, basis.perReplica.memoryGiB);
}

double monthlyCost(const TierSimulation &simulation, double usdPerReplicaHour, double hoursPerMonth,
                   QStringList &notes)
{
    const double span = spanHours(simulation);
    if (span <= 0.0)
        notes << QStringLiteral("tier '%1': the trace covers a single tick; no cost per month").arg(simulation.tier);
    return usdPerMonth(simulation.replicaHours, span, usdPerReplicaHour, hoursPerMonth);
}

} // namespace

double usdPerMonth(double replicaHours, double spanHours, double usdPerReplicaHour, double hoursPerMonth)
{
    if (spanHours <= 0.0)
        return 0.0;
    return replicaHours / spanHours * hoursPerMonth * usdPerReplicaHour;
}

WhatIfCostComparison compare(const AutoscalePolicy &currentPolicy, const WhatIfResult &current,
                             const AutoscalePolicy &proposedPolicy, const WhatIfResult &proposed,
                             const PlatformProfile &profile, const PricingCatalog &catalog)
{
    WhatIfCostComparison comparison;
    const ResourcePrices prices = ResourcePricing::derive(catalog);
    const double hours = catalog.hoursPerMonth();
    for (const TierSimulation &before : current.tiers) {
        const TierSimulation *after = findSimulation(proposed, before.tier);
        if (!after) {
            comparison.notes << QStringLiteral("tier '%1' was not simulated under the proposed policy; not priced")
                                    .arg(before.tier);
            continue;
        }
        TierCostDifference tier;
        tier.tier = before.tier;
        tier.currentUsdPerMonth = monthlyCost(
            before, replicaPrice(currentPolicy, before.tier, profile, prices, comparison.notes), hours, comparison.notes);
        tier.proposedUsdPerMonth = monthlyCost(
            *after, replicaPrice(proposedPolicy, after->tier, profile, prices, comparison.notes), hours, comparison.notes);
        comparison.currentUsdPerMonth += tier.currentUsdPerMonth;
        comparison.proposedUsdPerMonth += tier.proposedUsdPerMonth;
        comparison.tiers << tier;
    }
    comparison.notes.removeDuplicates();
    return comparison;
}

} // namespace e2i::WhatIfCost
