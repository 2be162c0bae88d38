#pragma once
#include "cost/CostEstimate.h"
#include "cost/CostOptions.h"
#include "cost/PricingCatalog.h"
#include "platform/PlatformProfile.h"

namespace e2i {

// The three estimates the dashboard compares: as running now, every tier at its
// min_replicas (the idle floor), every tier at its max_replicas (peak).
struct CostScenarios {
    CostEstimate current;
    CostEstimate minimum;
    CostEstimate peak;

    static CostScenarios compute(const PlatformProfile &profile, const QHash<QString, int> &currentReplicas,
                                 const PricingCatalog &catalog, const CostOptions &options);
    static QHash<QString, int> replicasAtMin(const AutoscalePolicy &policy);
    static QHash<QString, int> replicasAtMax(const AutoscalePolicy &policy);
};

} // namespace e2i
