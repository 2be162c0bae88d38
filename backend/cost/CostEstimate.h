#pragma once
// Results of the cost model: immutable values, one header for the domain.
#include "cost/InstanceType.h"
#include "platform/PlatformProfile.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace e2i {

// Per-resource prices derived from an instance family (see ResourcePricing.h for the split).
struct ResourcePrices {
    double usdPerVcpuHour = 0.0;
    double usdPerGiBHour = 0.0;
    double vcpuWorthGiB = 0.0; // the split: one vCPU costs as much as this many GiB
};

// A fixed service or a worker tier at a replica count, priced by its limits.
struct PricedWorkload {
    QString name;    // service name, or tier name for a tier
    QString service; // compose service
    int replicas = 0;        // 0 for a service Compose does not start
    ResourceSpec perReplica; // limits, else reservations (see ServicePricingBasis)
    QString pricing;         // how it is priced: "limits 2 vCPU / 4 GiB", "no limits: not priced", "not started (profile debug)"
    double vcpus = 0.0;      // replicas x per replica
    double memoryGiB = 0.0;
    double usdPerHour = 0.0;
    double usdPerMonth = 0.0;
};

struct CostTotals {
    double vcpus = 0.0;
    double memoryGiB = 0.0;
    double usdPerHour = 0.0;
    double usdPerMonth = 0.0;

    void add(const PricedWorkload &w)
    {
        vcpus += w.vcpus;
        memoryGiB += w.memoryGiB;
        usdPerHour += w.usdPerHour;
        usdPerMonth += w.usdPerMonth;
    }
};

// View (a): every container pays for its limits at per-resource prices.
struct ResourcePricedCost {
    ResourcePrices prices;
    QList<PricedWorkload> fixedServices;
    QList<PricedWorkload> tiers;
    CostTotals fixedTotal;
    CostTotals tierTotal;
    CostTotals total;
};

// One running container (one replica of a service) as the bin packer sees it.
struct Container {
    QString service;
    int replica = 0; // 1-based
    double vcpus = 0.0;
    double memoryGiB = 0.0;

    QString label() const { return service % QLatin1Char('#') % QString::number(replica); }
};

struct PackedNode {
    InstanceType instance;
    QList<Container> containers;
    double usedVcpus = 0.0;
    double usedMemoryGiB = 0.0;
};

// View (b): containers bin-packed onto whole instances.
struct NodePackedCost {
    QString strategy; // the instance type, or "cheapest mix"
    double headroom = 0.0;
    QList<PackedNode> nodes;
    QList<Container> unplaced; // larger than any usable node: reported, never dropped
    double usdPerHour = 0.0;
    double usdPerMonth = 0.0;
};

struct CostEstimate {
    QString scenario; // "current", "minimum", "peak"
    QHash<QString, int> tierReplicas;
    ResourcePricedCost resources;
    NodePackedCost packed;
    QStringList unpriced; // services running without limits or reservations: counted with zero resources
    QStringList notes;    // assumptions made and inputs that could not be used
};

} // namespace e2i
