#include "cost/MonthlyCostJson.h"

#include "cost/SeedCostCheck.h"
#include "history/TimeArgument.h"

#include <QJsonArray>

#include <cmath>

namespace e2i {
namespace {

// Divided, not multiplied, by the power of ten: 0.8513, not 0.8513000000000001.
double rounded(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}
double cents(double usd) { return rounded(usd, 2); }
double hours(double h) { return rounded(h, 3); }

QJsonValue optionalValue(const std::optional<double> &value, int decimals)
{
    return value ? QJsonValue(rounded(*value, decimals)) : QJsonValue();
}

QJsonObject lineToJson(const MonthlyCostReport::Line &line)
{
    return {{QStringLiteral("name"), line.name},
            {QStringLiteral("so_far_usd"), cents(line.soFarUsd)},
            {QStringLiteral("covered_hours"), hours(line.coveredHours)},
            {QStringLiteral("recent_usd_per_hour"), optionalValue(line.recentUsdPerHour, 4)},
            {QStringLiteral("projected_usd"), optionalValue(line.projectedUsd, 2)}};
}

QJsonObject savingsToJson(const MonthlyCostReport::Savings &s)
{
    QJsonArray tiers;
    for (const MonthlyCostReport::TierSavings &t : s.tiers)
        tiers.append(QJsonObject{{QStringLiteral("name"), t.tier},
                                 {QStringLiteral("max_replicas"), t.maxReplicas},
                                 {QStringLiteral("replica_hours"), hours(t.replicaHours)},
                                 {QStringLiteral("covered_hours"), hours(t.coveredHours)},
                                 {QStringLiteral("actual_usd"), cents(t.actualUsd)},
                                 {QStringLiteral("peak_usd"), cents(t.peakUsd)}});
    return {{QStringLiteral("measured"), optionalValue(s.fraction, 4)},
            {QStringLiteral("actual_usd"), cents(s.actualUsd)},
            {QStringLiteral("peak_usd"), cents(s.peakUsd)},
            {QStringLiteral("covered_hours"), hours(s.coveredHours)},
            {QStringLiteral("seed_claim"), QJsonObject{{QStringLiteral("low"), SeedCostCheck::kClaimedSavingsLow},
                                                       {QStringLiteral("high"), SeedCostCheck::kClaimedSavingsHigh},
                                                       {QStringLiteral("text"),
                                                        QLatin1String(SeedCostCheck::kClaimedSavingsText)}}},
            {QStringLiteral("tiers"), tiers}};
}

QJsonValue overBudget(const MonthlyCostReport &r)
{
    if (!r.budgetUsd || !r.total.projectedUsd)
        return QJsonValue();
    return *r.total.projectedUsd > *r.budgetUsd;
}

} // namespace

QJsonObject monthlyCostReportToJson(const MonthlyCostReport &r, const QString &budgetRule)
{
    QJsonArray tiers;
    for (const MonthlyCostReport::Line &line : r.tiers)
        tiers.append(lineToJson(line));
    return {{QStringLiteral("month"), r.monthName()},
            {QStringLiteral("from"), TimeArgument::formatUtc(r.monthStartMs)},
            {QStringLiteral("to"), TimeArgument::formatUtc(r.monthEndMs)},
            {QStringLiteral("now"), TimeArgument::formatUtc(r.nowMs)},
            {QStringLiteral("hours"), QJsonObject{{QStringLiteral("month"), hours(r.monthHours)},
                                                  {QStringLiteral("elapsed"), hours(r.elapsedHours)},
                                                  {QStringLiteral("covered"), hours(r.total.coveredHours)},
                                                  {QStringLiteral("uncovered"), hours(r.uncoveredHours)},
                                                  {QStringLiteral("remaining"), hours(r.remainingHours)}}},
            {QStringLiteral("total"), lineToJson(r.total)},
            {QStringLiteral("tiers"), tiers},
            {QStringLiteral("budget_usd"), optionalValue(r.budgetUsd, 2)},
            {QStringLiteral("budget_rule"), budgetRule.isEmpty() ? QJsonValue() : QJsonValue(budgetRule)},
            {QStringLiteral("projected_over_budget"), overBudget(r)},
            {QStringLiteral("savings_vs_peak"), savingsToJson(r.savings)}};
}

} // namespace e2i
