#include "cost/SeedCostCheck.h"

#include "cost/CostModel.h"
#include "cost/CostScenarios.h"

#include <QLocale>

namespace e2i::SeedCostCheck {
namespace {

// What seed 001 claims, verbatim figures.
struct SeedClaim {
    const char *label;
    double vcpus;
    double memoryGB;
    double usdPerMonth;
    const char *instance;
};
constexpr SeedClaim kBefore{"single worker before multi-worker", 2, 4, 250, "c6i.large"};
constexpr SeedClaim kMinimum{"minimum (idle)", 6, 10, 490, "c6i.4xlarge"};
constexpr SeedClaim kPeak{"peak (max scale)", 84, 160, 1960, "c6i.16xlarge"};
constexpr SeedClaim kRecommended{"recommendation", 32, 64, 980, "c6i.8xlarge"};

QString usd(double value)
{
    return QLatin1Char('$') % QLocale(QLocale::English, QLocale::UnitedStates).toString(value, 'f', 2);
}

// Hourly list prices have up to three decimals ($0.085/h): keep them, but at least cents.
QString usdPerHour(double value)
{
    QString digits = QString::number(value, 'f', 4);
    while (digits.endsWith(QLatin1Char('0')) && digits.indexOf(QLatin1Char('.')) < digits.size() - 3)
        digits.chop(1);
    return QLatin1Char('$') % digits;
}

QString amount(double value) { return QString::number(value, 'g', 6); }

QString resources(double vcpus, double memoryGiB)
{
    return amount(vcpus) % QStringLiteral(" vCPU / ") % amount(memoryGiB) % QStringLiteral(" GiB");
}

QString tierBreakdown(const CostEstimate &estimate)
{
    QStringList parts;
    for (const PricedWorkload &tier : estimate.resources.tiers)
        parts << QStringLiteral("%1 %2 x %3").arg(tier.name).arg(tier.replicas)
                     .arg(resources(tier.perReplica.cpus, tier.perReplica.memoryGiB));
    return parts.join(QStringLiteral(", "));
}

QString nodeSummary(const NodePackedCost &packed)
{
    QStringList names;
    for (const PackedNode &node : packed.nodes)
        names << node.instance.name;
    QString text = QStringLiteral("%1 node(s) [%2], %3/mo").arg(packed.nodes.size())
                       .arg(names.join(QStringLiteral(", ")), usd(packed.usdPerMonth));
    if (!packed.unplaced.isEmpty())
        text += QStringLiteral(", %1 container(s) fit no node").arg(packed.unplaced.size());
    return text;
}

// "the seed's $X/mo for <instance>" against hourly list price x hours per month.
QString priceCheck(const SeedClaim &claim, const PricingCatalog &catalog)
{
    const auto instance = catalog.instance(QLatin1String(claim.instance));
    if (!instance)
        return QStringLiteral("Seed %1: %2 is not in the pricing catalog (%3), so its ~%4/mo cannot be checked.")
            .arg(QLatin1String(claim.label), QLatin1String(claim.instance), catalog.sourceFile(), usd(claim.usdPerMonth));
    const double listMonthly = instance->usdPerHour * catalog.hoursPerMonth();
    return QStringLiteral("Seed %1: ~%2/mo on %3, whose list price is %4/h x %5 h = %6/mo (%7%8).")
        .arg(QLatin1String(claim.label), usd(claim.usdPerMonth), instance->name, usdPerHour(instance->usdPerHour),
             amount(catalog.hoursPerMonth()), usd(listMonthly),
             listMonthly >= claim.usdPerMonth ? QStringLiteral("+") : QStringLiteral("-"),
             usd(qAbs(listMonthly - claim.usdPerMonth)));
}

QString fitCheck(const SeedClaim &claim, const CostTotals &workers, const PricingCatalog &catalog)
{
    const auto instance = catalog.instance(QLatin1String(claim.instance));
    if (!instance)
        return {};
    const bool fits = workers.vcpus <= instance->vcpus && workers.memoryGiB <= instance->memoryGiB;
    return QStringLiteral("Seed %1 prices workers of %2 on one %3 of %4: they %5.")
        .arg(QLatin1String(claim.label), resources(workers.vcpus, workers.memoryGiB), instance->name,
             resources(instance->vcpus, instance->memoryGiB),
             fits ? QStringLiteral("fit (before any headroom)") : QStringLiteral("do NOT fit"));
}

QString fixedServices(const CostEstimate &estimate)
{
    const CostTotals &fixed = estimate.resources.fixedTotal;
    return QStringLiteral("Fixed services (%1 non-worker services): %2, %3/mo resource-priced; "
                          "the seed's cost figures count workers only and leave them out.")
        .arg(estimate.resources.fixedServices.size())
        .arg(resources(fixed.vcpus, fixed.memoryGiB), usd(fixed.usdPerMonth));
}

// The seed's idle figure looks like one replica of every tier that runs at idle;
// say so when the numbers agree, since that is the likely slip.
QString oneReplicaPerIdleTier(const CostEstimate &minimum)
{
    double vcpus = 0.0;
    double memoryGiB = 0.0;
    for (const PricedWorkload &tier : minimum.resources.tiers) {
        if (tier.replicas > 0) {
            vcpus += tier.perReplica.cpus;
            memoryGiB += tier.perReplica.memoryGiB;
        }
    }
    if (vcpus != kMinimum.vcpus || memoryGiB != kMinimum.memoryGB)
        return {};
    return QStringLiteral(" The seed's figure is one replica of each tier running at idle, ignoring their min_replicas.");
}

QString minimumResources(const CostEstimate &minimum)
{
    const CostTotals &workers = minimum.resources.tierTotal;
    const CostTotals &total = minimum.resources.total;
    return QStringLiteral("Seed minimum (idle) is %1 vCPU / %2 GB of workers; the files give %3 at "
                          "min_replicas (%4), %5 with the fixed services.")
               .arg(amount(kMinimum.vcpus), amount(kMinimum.memoryGB), resources(workers.vcpus, workers.memoryGiB),
                    tierBreakdown(minimum), resources(total.vcpus, total.memoryGiB))
           % oneReplicaPerIdleTier(minimum);
}

QString peakResources(const CostEstimate &peak)
{
    const CostTotals &workers = peak.resources.tierTotal;
    const CostTotals &total = peak.resources.total;
    const bool agrees = workers.vcpus == kPeak.vcpus && workers.memoryGiB == kPeak.memoryGB;
    return QStringLiteral("Seed peak is %1 vCPU / %2 GB of workers; the files give %3 at max_replicas (%4)%5; "
                          "%6 with the fixed services.")
        .arg(amount(kPeak.vcpus), amount(kPeak.memoryGB), resources(workers.vcpus, workers.memoryGiB),
             tierBreakdown(peak), agrees ? QStringLiteral(", which agrees") : QStringLiteral(", which differs"),
             resources(total.vcpus, total.memoryGiB));
}

QString packedScenario(const char *label, const CostEstimate &estimate)
{
    return QStringLiteral("Whole deployment at %1 (fixed services + workers), bin-packed (%2, %3% headroom): %4.")
        .arg(QLatin1String(label), estimate.packed.strategy, amount(estimate.packed.headroom * 100),
             nodeSummary(estimate.packed));
}

QString recommendationFit(const CostEstimate &minimum, const CostEstimate &peak, const PricingCatalog &catalog)
{
    const auto instance = catalog.instance(QLatin1String(kRecommended.instance));
    if (!instance)
        return {};
    const auto holds = [&](const CostTotals &t) {
        return t.vcpus <= instance->vcpus && t.memoryGiB <= instance->memoryGiB ? QStringLiteral("holds")
                                                                                : QStringLiteral("does NOT hold");
    };
    return QStringLiteral("Seed recommendation %1 (%2) %3 the workers at min_replicas (%4) and %5 them at "
                          "max_replicas (%6), before headroom and fixed services.")
        .arg(instance->name, resources(instance->vcpus, instance->memoryGiB), holds(minimum.resources.tierTotal),
             resources(minimum.resources.tierTotal.vcpus, minimum.resources.tierTotal.memoryGiB),
             holds(peak.resources.tierTotal),
             resources(peak.resources.tierTotal.vcpus, peak.resources.tierTotal.memoryGiB));
}

} // namespace

QStringList findings(const PlatformProfile &profile, const PricingCatalog &catalog, const CostOptions &options)
{
    const CostEstimate minimum = CostModel::estimate(profile, CostScenarios::replicasAtMin(profile.autoscale),
                                                     catalog, options, QStringLiteral("minimum"));
    const CostEstimate peak = CostModel::estimate(profile, CostScenarios::replicasAtMax(profile.autoscale),
                                                  catalog, options, QStringLiteral("peak"));
    QStringList result{fixedServices(minimum),
                       minimumResources(minimum),
                       priceCheck(kMinimum, catalog),
                       packedScenario("minimum", minimum),
                       peakResources(peak),
                       fitCheck(kPeak, peak.resources.tierTotal, catalog),
                       priceCheck(kPeak, catalog),
                       packedScenario("peak", peak),
                       priceCheck(kBefore, catalog),
                       priceCheck(kRecommended, catalog),
                       recommendationFit(minimum, peak, catalog)};
    result.removeAll(QString());
    return result;
}

} // namespace e2i::SeedCostCheck
