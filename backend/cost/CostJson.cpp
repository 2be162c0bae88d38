#include "CostJson.h"

#include <QJsonArray>

#include <cmath>

namespace e2i {
namespace {

double cents(double usd)
{
    return std::round(usd * 100.0) / 100.0;
}

QJsonObject workloadToJson(const PricedWorkload &w)
{
    return {
        {QStringLiteral("name"), w.name},
        {QStringLiteral("service"), w.service},
        {QStringLiteral("replicas"), w.replicas},
        {QStringLiteral("pricing"), w.pricing},
        {QStringLiteral("vcpus"), w.vcpus},
        {QStringLiteral("memory_gib"), w.memoryGiB},
        {QStringLiteral("usd_per_hour"), w.usdPerHour},
        {QStringLiteral("usd_per_month"), cents(w.usdPerMonth)},
    };
}

QJsonObject totalsToJson(const CostTotals &t)
{
    return {
        {QStringLiteral("vcpus"), t.vcpus},
        {QStringLiteral("memory_gib"), t.memoryGiB},
        {QStringLiteral("usd_per_hour"), t.usdPerHour},
        {QStringLiteral("usd_per_month"), cents(t.usdPerMonth)},
    };
}

QJsonObject packedToJson(const NodePackedCost &packed)
{
    QJsonArray nodes;
    for (const auto &node : packed.nodes) {
        QJsonArray containers;
        for (const auto &c : node.containers)
            containers.append(c.label());
        nodes.append(QJsonObject{{QStringLiteral("instance"), node.instance.name},
                                 {QStringLiteral("containers"), containers}});
    }
    QJsonArray unplaced;
    for (const auto &c : packed.unplaced)
        unplaced.append(c.label());
    return {
        {QStringLiteral("strategy"), packed.strategy},
        {QStringLiteral("headroom"), packed.headroom},
        {QStringLiteral("nodes"), nodes},
        {QStringLiteral("unplaced"), unplaced},
        {QStringLiteral("usd_per_hour"), packed.usdPerHour},
        {QStringLiteral("usd_per_month"), cents(packed.usdPerMonth)},
    };
}

} // namespace

QJsonObject costEstimateToJson(const CostEstimate &e)
{
    QJsonArray fixed, tiers;
    for (const auto &w : e.resources.fixedServices)
        fixed.append(workloadToJson(w));
    for (const auto &w : e.resources.tiers)
        tiers.append(workloadToJson(w));
    return {
        {QStringLiteral("scenario"), e.scenario},
        {QStringLiteral("resource_priced"), QJsonObject{
             {QStringLiteral("usd_per_vcpu_hour"), e.resources.prices.usdPerVcpuHour},
             {QStringLiteral("usd_per_gib_hour"), e.resources.prices.usdPerGiBHour},
             {QStringLiteral("fixed_services"), fixed},
             {QStringLiteral("tiers"), tiers},
             {QStringLiteral("fixed_total"), totalsToJson(e.resources.fixedTotal)},
             {QStringLiteral("tier_total"), totalsToJson(e.resources.tierTotal)},
             {QStringLiteral("total"), totalsToJson(e.resources.total)},
         }},
        {QStringLiteral("node_packed"), packedToJson(e.packed)},
        {QStringLiteral("unpriced"), QJsonArray::fromStringList(e.unpriced)},
        {QStringLiteral("notes"), QJsonArray::fromStringList(e.notes)},
    };
}

QJsonObject costScenariosToJson(const CostScenarios &s)
{
    return {
        {QStringLiteral("current"), costEstimateToJson(s.current)},
        {QStringLiteral("minimum"), costEstimateToJson(s.minimum)},
        {QStringLiteral("peak"), costEstimateToJson(s.peak)},
    };
}

} // namespace e2i
