#pragma once
// The cost estimate of "now" from a sample's live replicas, priced the way the
// dashboard prices it (CostScenarios, current replicas, resource pricing);
// recomputed only when the replica counts change. The history recorder stores
// it as a series and the alert evaluator compares it with a budget.
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
    using Function = std::function<std::optional<double>(const PlatformSample &)>;

    LiveCostRate(PlatformProfile profile, PricingCatalog catalog);

    // USD per hour; nullopt without prices or before the workers were heard.
    std::optional<double> usdPerHour(const PlatformSample &sample);
    double hoursPerMonth() const { return m_catalog.hoursPerMonth(); }

    // A function with its own LiveCostRate over the preferred prices.
    static Function function(const PlatformProfile &profile);

private:
    PlatformProfile m_profile;
    PricingCatalog m_catalog;
    QHash<QString, int> m_replicas;
    std::optional<double> m_usdPerHour;
};

} // namespace e2i
