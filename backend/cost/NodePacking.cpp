#include "cost/NodePacking.h"

#include <algorithm>

namespace e2i::NodePacking {
namespace {

// Sums of decimal limits (0.5 + 0.5 + ...) must not miss an exact fit by rounding.
constexpr double kFitEpsilon = 1e-9;

double dominantShare(const Container &c, const InstanceType &reference)
{
    return std::max(c.vcpus / reference.vcpus, c.memoryGiB / reference.memoryGiB);
}

QList<Container> sortedLargestFirst(QList<Container> containers, const InstanceType &reference)
{
    std::stable_sort(containers.begin(), containers.end(), [&](const Container &a, const Container &b) {
        const double shareA = dominantShare(a, reference);
        const double shareB = dominantShare(b, reference);
        if (shareA != shareB)
            return shareA > shareB;
        return std::pair(a.service, a.replica) < std::pair(b.service, b.replica);
    });
    return containers;
}

void place(PackedNode &node, const Container &container)
{
    node.containers.append(container);
    node.usedVcpus += container.vcpus;
    node.usedMemoryGiB += container.memoryGiB;
}

void firstFitDecreasing(const QList<Container> &containers, const InstanceType &instance,
                        double headroom, NodePackedCost &result)
{
    for (const Container &container : sortedLargestFirst(containers, instance)) {
        if (!fits(instance, headroom, 0.0, 0.0, container)) {
            result.unplaced.append(container);
            continue;
        }
        auto node = std::find_if(result.nodes.begin(), result.nodes.end(), [&](const PackedNode &n) {
            return fits(n.instance, headroom, n.usedVcpus, n.usedMemoryGiB, container);
        });
        if (node == result.nodes.end()) {
            result.nodes.append(PackedNode{instance, {}, 0.0, 0.0});
            node = std::prev(result.nodes.end());
        }
        place(*node, container);
    }
}

void shrinkToCheapest(PackedNode &node, const PricingCatalog &catalog, double headroom)
{
    const Container load{QString(), 0, node.usedVcpus, node.usedMemoryGiB};
    for (const InstanceType &candidate : catalog.instances()) {
        if (candidate.usdPerHour < node.instance.usdPerHour && fits(candidate, headroom, 0.0, 0.0, load))
            node.instance = candidate;
    }
}

} // namespace

bool fits(const InstanceType &instance, double headroom, double usedVcpus, double usedMemoryGiB,
          const Container &container)
{
    const double usable = 1.0 - headroom;
    return usedVcpus + container.vcpus <= instance.vcpus * usable + kFitEpsilon
           && usedMemoryGiB + container.memoryGiB <= instance.memoryGiB * usable + kFitEpsilon;
}

NodePackedCost pack(const QList<Container> &containers, const PricingCatalog &catalog,
                    const CostOptions &options)
{
    NodePackedCost result;
    result.headroom = options.headroom;
    result.strategy = options.cheapestMix() ? QStringLiteral("cheapest mix") : options.instanceType;
    const std::optional<InstanceType> instance =
        options.cheapestMix() ? catalog.largest() : catalog.instance(options.instanceType);
    if (!instance) {
        result.unplaced = containers;
        return result;
    }
    firstFitDecreasing(containers, *instance, options.headroom, result);
    if (options.cheapestMix()) {
        for (PackedNode &node : result.nodes)
            shrinkToCheapest(node, catalog, options.headroom);
    }
    for (const PackedNode &node : result.nodes)
        result.usdPerHour += node.instance.usdPerHour;
    result.usdPerMonth = result.usdPerHour * catalog.hoursPerMonth();
    return result;
}

} // namespace e2i::NodePacking
