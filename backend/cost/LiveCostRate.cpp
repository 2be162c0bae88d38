#include "LiveCostRate.h"

#include "cost/CostScenarios.h"

#include <memory>

namespace e2i {

LiveCostRate::LiveCostRate(PlatformProfile profile, PricingCatalog catalog)
    : m_profile(std::move(profile)), m_catalog(std::move(catalog))
{
}

std::optional<double> LiveCostRate::usdPerHour(const PlatformSample &sample)
{
    if (m_catalog.isEmpty() || !sample.eventsConnected)
        return std::nullopt;
    QHash<QString, int> replicas;
    for (const TierState &tier : sample.tiers)
        replicas.insert(tier.name, tier.replicas);
    if (!m_usdPerHour || replicas != m_replicas) {
        const CostScenarios scenarios = CostScenarios::compute(m_profile, replicas, m_catalog, CostOptions{});
        m_usdPerHour = scenarios.current.resources.total.usdPerHour;
        m_replicas = replicas;
    }
    return m_usdPerHour;
}

LiveCostRate::Function LiveCostRate::function(const PlatformProfile &profile)
{
    auto rate = std::make_shared<LiveCostRate>(profile, PricingCatalog::preferred(nullptr));
    return [rate](const PlatformSample &sample) { return rate->usdPerHour(sample); };
}

} // namespace e2i
