#include "cost/CostModel.h"

#include "cost/NodePacking.h"
#include "cost/ResourcePricing.h"
#include "cost/ServicePricingBasis.h"

#include <QSet>

#include <algorithm>

namespace e2i::CostModel {
namespace {

struct Workload {
    QString name;
    const ServiceSpec *service = nullptr;
    int replicas = 0;
    ServicePricingBasis basis;
};

const ServiceSpec *findService(const PlatformProfile &profile, const QString &name)
{
    const auto it = std::find_if(profile.services.begin(), profile.services.end(),
                                 [&](const ServiceSpec &s) { return s.name == name; });
    return it == profile.services.end() ? nullptr : &*it;
}

QSet<QString> tierServices(const PlatformProfile &profile)
{
    QSet<QString> names;
    for (const TierPolicy &tier : profile.autoscale.tiers)
        names.insert(tier.service);
    return names;
}

// A service Compose does not start is listed at 0 replicas with its reason, and noted.
Workload workloadOf(const QString &name, const ServiceSpec &service, int replicas, const ServicePricingBasis &basis,
                    QStringList &notes)
{
    Workload w{name, &service, replicas, basis};
    if (!w.basis.started) {
        notes << QStringLiteral("service '%1' is not started (%2); not priced").arg(service.name, service.inactiveReason);
        w.replicas = 0;
    }
    return w;
}

QList<Workload> fixedWorkloads(const PlatformProfile &profile, QStringList &notes)
{
    const QSet<QString> workers = tierServices(profile);
    QList<Workload> fixed;
    for (const ServiceSpec &service : profile.services) {
        if (!workers.contains(service.name))
            fixed.append(workloadOf(service.name, service, service.replicas, ServicePricingBasis::of(service), notes));
    }
    return fixed;
}

QList<Workload> tierWorkloads(const PlatformProfile &profile, const QHash<QString, int> &replicas,
                              QStringList &notes)
{
    QList<Workload> tiers;
    for (const TierPolicy &tier : profile.autoscale.tiers) {
        const ServiceSpec *service = findService(profile, tier.service);
        if (!service) {
            notes << QStringLiteral("tier '%1': service '%2' is not in the compose file; not priced")
                         .arg(tier.name, tier.service);
            continue;
        }
        int count = replicas.value(tier.name, service->replicas);
        if (!replicas.contains(tier.name))
            notes << QStringLiteral("tier '%1': no replica count given; priced at its compose replicas (%2)")
                         .arg(tier.name).arg(count);
        if (count < 0) {
            notes << QStringLiteral("tier '%1': replica count %2 is negative; priced at 0").arg(tier.name).arg(count);
            count = 0;
        }
        tiers.append(workloadOf(tier.name, *service, count, ServicePricingBasis::ofTier(*service), notes));
    }
    return tiers;
}

PricedWorkload price(const Workload &w, const ResourcePrices &prices, double hoursPerMonth)
{
    PricedWorkload priced;
    priced.name = w.name;
    priced.service = w.service->name;
    priced.replicas = w.replicas;
    priced.perReplica = w.basis.perReplica;
    priced.pricing = w.basis.reason;
    priced.vcpus = w.replicas * w.basis.perReplica.cpus;
    priced.memoryGiB = w.replicas * w.basis.perReplica.memoryGiB;
    priced.usdPerHour = ResourcePricing::usdPerHour(prices, priced.vcpus, priced.memoryGiB);
    priced.usdPerMonth = priced.usdPerHour * hoursPerMonth;
    return priced;
}

QList<Container> containersOf(const Workload &w)
{
    QList<Container> containers;
    for (int replica = 1; replica <= w.replicas; ++replica)
        containers.append({w.service->name, replica, w.basis.perReplica.cpus, w.basis.perReplica.memoryGiB});
    return containers;
}

void priceAll(const QList<Workload> &workloads, const ResourcePrices &prices, double hoursPerMonth,
              QList<PricedWorkload> &items, CostTotals &subtotal, CostTotals &total)
{
    for (const Workload &w : workloads) {
        items.append(price(w, prices, hoursPerMonth));
        subtotal.add(items.last());
        total.add(items.last());
    }
}

// Running containers with limits go to the packer; those without are unpriced.
QList<Container> runningContainers(const QList<Workload> &workloads, QStringList &unpriced)
{
    QList<Container> containers;
    for (const Workload &w : workloads) {
        if (w.replicas == 0)
            continue;
        if (!w.basis.isPriced())
            unpriced << QStringLiteral("%1 (%2 replica(s), no resource limits)").arg(w.service->name).arg(w.replicas);
        else
            containers << containersOf(w);
    }
    return containers;
}

CostOptions checkedOptions(const CostOptions &options, const PricingCatalog &catalog, QStringList &notes)
{
    CostOptions checked = options;
    if (!(options.headroom >= 0.0 && options.headroom < 1.0)) {
        notes << QStringLiteral("headroom %1 is outside [0, 1); using %2")
                     .arg(options.headroom).arg(CostOptions::kDefaultHeadroom);
        checked.headroom = CostOptions::kDefaultHeadroom;
    }
    if (catalog.isEmpty())
        notes << QStringLiteral("the pricing catalog is empty: nothing can be priced or placed");
    else if (!options.cheapestMix() && !catalog.instance(options.instanceType))
        notes << QStringLiteral("instance type '%1' is not in the pricing catalog; no node can be placed")
                     .arg(options.instanceType);
    return checked;
}

} // namespace

CostEstimate estimate(const PlatformProfile &profile, const QHash<QString, int> &tierReplicas,
                      const PricingCatalog &catalog, const CostOptions &options, const QString &scenario)
{
    CostEstimate result;
    result.scenario = scenario;
    const CostOptions checked = checkedOptions(options, catalog, result.notes);
    const QList<Workload> fixed = fixedWorkloads(profile, result.notes);
    const QList<Workload> tiers = tierWorkloads(profile, tierReplicas, result.notes);
    for (const Workload &tier : tiers)
        result.tierReplicas.insert(tier.name, tier.replicas);

    ResourcePricedCost &resources = result.resources;
    resources.prices = ResourcePricing::derive(catalog);
    priceAll(fixed, resources.prices, catalog.hoursPerMonth(), resources.fixedServices,
             resources.fixedTotal, resources.total);
    priceAll(tiers, resources.prices, catalog.hoursPerMonth(), resources.tiers, resources.tierTotal,
             resources.total);

    const QList<Container> containers = runningContainers(fixed + tiers, result.unpriced);
    result.packed = NodePacking::pack(containers, catalog, checked);
    return result;
}

} // namespace e2i::CostModel
