#include "cost/ResourcePricing.h"

namespace e2i::ResourcePricing {

ResourcePrices derive(const PricingCatalog &catalog, double vcpuWorthGiB)
{
    double priceTimesUnits = 0.0;
    double unitsSquared = 0.0;
    for (const InstanceType &instance : catalog.instances()) {
        const double units = vcpuWorthGiB * instance.vcpus + instance.memoryGiB;
        priceTimesUnits += instance.usdPerHour * units;
        unitsSquared += units * units;
    }
    if (unitsSquared <= 0.0)
        return {0.0, 0.0, vcpuWorthGiB};
    const double usdPerUnitHour = priceTimesUnits / unitsSquared;
    return {vcpuWorthGiB * usdPerUnitHour, usdPerUnitHour, vcpuWorthGiB};
}

double usdPerHour(const ResourcePrices &prices, double vcpus, double memoryGiB)
{
    return vcpus * prices.usdPerVcpuHour + memoryGiB * prices.usdPerGiBHour;
}

} // namespace e2i::ResourcePricing
