#pragma once
#include "cost/CostOptions.h"
#include "cost/PricingCatalog.h"
#include "platform/PlatformProfile.h"

#include <QStringList>

namespace e2i::SeedCostCheck {

// The platform's own cost claims (seed document 001, "Cost Analysis"), checked
// against its compose / autoscale files and the pricing catalog. One readable
// sentence per finding, for the dashboard. Figures the seed gives are quoted as
// written ("GB" there, compose's G = GiB here).
// Seed 001's "Estimated savings: 40-60% vs always-on peak" (workers only, like
// its other cost figures), for showing beside the measured figure.
inline constexpr double kClaimedSavingsLow = 0.40;
inline constexpr double kClaimedSavingsHigh = 0.60;
inline constexpr const char *kClaimedSavingsText = "40-60% vs always-on peak";

QStringList findings(const PlatformProfile &profile, const PricingCatalog &catalog,
                     const CostOptions &options = {});

} // namespace e2i::SeedCostCheck
