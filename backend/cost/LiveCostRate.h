#pragma once
// The cost estimate of "now" from a sample's live replicas, priced the way the
// dashboard prices it (CostScenarios, current replicas, resource pricing);
// recomputed only when the replica counts change. The history recorder stores
// it as series (the total and each tier's share) and the alert evaluator
// compares it with a budget.
// Not thread-safe: one instance per thread.
#include "cost/PricingCatalog.h"
#include "monitor/PlatformSample.h"
#include "platform/PlatformProfile.h"

#include <QHash>

#include <functional>
#include <optional>

namespace e2i {

class LiveCostRate
{
public:
    // USD per hour: the whole deployment (fixed services and workers) and each
    // worker tier's part of it, keyed by tier name.
    struct Rates {
        double total = 0.0;
        QHash<QString, double> tiers;
    };
    using Function = std::function<std::optional<double>(const PlatformSample &)>;
    using RatesFunction = std::function<std::optional<Rates>(const PlatformSample &)>;

    LiveCostRate(PlatformProfile profile, PricingCatalog catalog);

    // Nullopt without prices or before the workers were heard.
    std::optional<Rates> rates(const PlatformSample &sample);
    std::optional<double> usdPerHour(const PlatformSample &sample);
    double hoursPerMonth() const { return m_catalog.hoursPerMonth(); }

    // Functions with their own LiveCostRate over the preferred prices.
    static Function function(const PlatformProfile &profile);
    static RatesFunction ratesFunction(const PlatformProfile &profile);

private:
    PlatformProfile m_profile;
    PricingCatalog m_catalog;
    QHash<QString, int> m_replicas;
    std::optional<Rates> m_rates;
};

} // namespace e2i
