#pragma once
#include "cost/CostEstimate.h"
#include "cost/PricingCatalog.h"

namespace e2i::ResourcePricing {

// How the instance price is split between vCPUs and memory.
//
// c6i has a fixed 2 GiB per vCPU, so fitting price = a*vCPU + b*GiB over the
// family is degenerate: every (a, b) with 2a + 4b = price(c6i.large) fits exactly.
// We fix the ratio instead: one vCPU-hour costs as much as kVcpuWorthGiB GiB-hours.
// 9 comes from AWS's own per-resource list prices for containers (Fargate,
// us-east-1: $0.04048 per vCPU-hour / $0.004445 per GB-hour = 9.1), i.e. how AWS
// itself splits compute and memory. With the ratio fixed, the one unknown is the
// price of a "unit" (1 GiB-hour, or 1/9 vCPU-hour), fitted by least squares over
// the catalog: price_i = u * (9 * vcpus_i + memoryGiB_i), u = sum(p x) / sum(x^2).
// For c6i every shape has the same unit price, u = 0.085 / 22 = $0.0038636.
inline constexpr double kVcpuWorthGiB = 9.0;

ResourcePrices derive(const PricingCatalog &catalog, double vcpuWorthGiB = kVcpuWorthGiB);

double usdPerHour(const ResourcePrices &prices, double vcpus, double memoryGiB);

} // namespace e2i::ResourcePricing
