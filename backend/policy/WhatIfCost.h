#pragma once
#include "cost/CostEstimate.h"
#include "cost/PricingCatalog.h"
#include "platform/PlatformProfile.h"
#include "policy/WhatIfSimulator.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace e2i {

// One tier's replica cost under the current and the proposed policy, per month.
struct TierCostDifference {
    QString tier;
    double currentUsdPerMonth = 0.0;
    double proposedUsdPerMonth = 0.0;
    double differenceUsdPerMonth() const { return proposedUsdPerMonth - currentUsdPerMonth; }
};

struct WhatIfCostComparison {
    QList<TierCostDifference> tiers; // tiers simulated under both policies, in current policy order
    double currentUsdPerMonth = 0.0;
    double proposedUsdPerMonth = 0.0;
    QStringList notes; // tiers that could not be priced, and why
    double differenceUsdPerMonth() const { return proposedUsdPerMonth - currentUsdPerMonth; }
};

// Prices the replica-hours of a what-if run per month, the way the dashboard's
// resource-priced "now" estimate does: one replica of a tier costs what
// ServicePricingBasis::ofTier gives its compose service (limits, else reservations;
// priced even when its profile is not active, since the autoscaler starts it) at
// ResourcePricing's per-vCPU-hour and per-GiB-hour prices.
//
// Scaling assumption: the trace is taken as representative of the whole month. A
// run's replica-hours cover the simulated span (first tick to last tick, which is
// what WhatIfSimulator sums), so
//   usd/month = replica-hours / span hours * hours per month * usd per replica-hour,
// i.e. the mean replica count over the trace, kept up for a month
// (PricingCatalog::hoursPerMonth(), 730 h unless the catalog says otherwise). A burst
// recorded in a one-hour trace is therefore priced as if it repeated all month: compare
// the two policies with each other, not the figure with a bill.
namespace WhatIfCost {

// usd per month for `replicaHours` spent over `spanHours`; 0 when the span is empty.
double usdPerMonth(double replicaHours, double spanHours, double usdPerReplicaHour, double hoursPerMonth);

// Each policy's tier is priced with its own `service` (a proposal may move a tier).
// A tier whose service is missing from the profile, or has neither limits nor
// reservations, is priced at 0 and named in the notes with the reason; so is a tier
// simulated under only one of the policies.
WhatIfCostComparison compare(const AutoscalePolicy &currentPolicy, const WhatIfResult &current,
                             const AutoscalePolicy &proposedPolicy, const WhatIfResult &proposed,
                             const PlatformProfile &profile, const PricingCatalog &catalog);

} // namespace WhatIfCost
} // namespace e2i
