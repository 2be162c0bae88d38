#include "LiveCostRate.h"

#include "cost/CostScenarios.h"

#include <memory>

namespace e2i {

LiveCostRate::LiveCostRate(PlatformProfile profile, PricingCatalog catalog)
    : m_profile(std::move(profile)), m_catalog(std::move(catalog))
{
}

std::optional<LiveCostRate::Rates> LiveCostRate::rates(const PlatformSample &sample)
{
    if (m_catalog.isEmpty() || !sample.eventsConnected)
        return std::nullopt;
    QHash<QString, int> replicas;
    for (const TierState &tier : sample.tiers)
        replicas.insert(tier.name, tier.replicas);
    if (!m_rates || replicas != m_replicas) {
        const CostScenarios scenarios = CostScenarios::compute(m_profile, replicas, m_catalog, CostOptions{});
        Rates rates{scenarios.current.resources.total.usdPerHour, {}};
        for (const PricedWorkload &tier : scenarios.current.resources.tiers)
            rates.tiers.insert(tier.name, tier.usdPerHour);
        m_rates = std::move(rates);
        m_replicas = replicas;
    }
    return m_rates;
}

std::optional<double> LiveCostRate::usdPerHour(const PlatformSample &sample)
{
    const std::optional<Rates> now = rates(sample);
    return now ? std::optional<double>(now->total) : std::nullopt;
}

LiveCostRate::Function LiveCostRate::function(const PlatformProfile &profile)
{
    auto rate = std::make_shared<LiveCostRate>(profile, PricingCatalog::preferred(nullptr));
    return [rate](const PlatformSample &sample) { return rate->usdPerHour(sample); };
}

LiveCostRate::RatesFunction LiveCostRate::ratesFunction(const PlatformProfile &profile)
{
    auto rate = std::make_shared<LiveCostRate>(profile, PricingCatalog::preferred(nullptr));
    return [rate](const PlatformSample &sample) { return rate->rates(sample); };
}

} // namespace e2i
