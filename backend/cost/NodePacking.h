#pragma once
#include "cost/CostEstimate.h"
#include "cost/CostOptions.h"
#include "cost/PricingCatalog.h"

namespace e2i::NodePacking {

// First-fit decreasing bin packing of containers onto whole instances.
//
// Containers are sorted by their dominant share (the larger of vCPU / node vCPUs
// and GiB / node GiB, against the chosen type, or the catalog's largest type for
// the cheapest mix), largest first, ties by label so the result is stable; each
// goes onto the first open node where it fits, else a new node. A node's usable
// capacity is (1 - headroom) of the instance in both resources.
//
// Cheapest mix (options.instanceType empty) is a heuristic, not an optimum: pack
// onto the largest type, then shrink every node to the cheapest catalog type that
// still holds its containers with headroom. Big nodes first wastes little when
// prices are linear in size, as in c6i; an exact optimum is not attempted.
//
// A container that fits no usable node is listed in `unplaced`, never dropped.
NodePackedCost pack(const QList<Container> &containers, const PricingCatalog &catalog,
                    const CostOptions &options);

// Whether `used` plus `container` stays within the usable part of `instance`.
bool fits(const InstanceType &instance, double headroom, double usedVcpus, double usedMemoryGiB,
          const Container &container);

} // namespace e2i::NodePacking
