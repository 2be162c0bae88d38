#include "cost/MonthlyCostReport.h"

#include "cost/CostModel.h"
#include "cost/CostScenarios.h"
#include "cost/SeedCostCheck.h"
#include "history/HistoryStore.h"
#include "history/SampleSeries.h"
#include "monitor/MetricsStore.h"

#include <QDateTime>
#include <QTimeZone>

namespace e2i {
namespace {

constexpr double kMsPerHour = 3600.0 * 1000.0;

qint64 monthStart(int year, int month)
{
    return QDateTime(QDate(year, month, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

// What one replica of each tier costs an hour, as the "peak" scenario prices it.
QHash<QString, double> perReplicaUsdPerHour(const MonthlyCostReport::Inputs &inputs)
{
    const CostEstimate peak = CostModel::estimate(inputs.profile, CostScenarios::replicasAtMax(inputs.profile.autoscale),
                                                  inputs.catalog, inputs.options, QStringLiteral("peak"));
    QHash<QString, double> prices;
    for (const PricedWorkload &tier : peak.resources.tiers)
        if (tier.replicas > 0)
            prices.insert(tier.name, tier.usdPerHour / tier.replicas);
    return prices;
}

} // namespace

MonthlyCostReport::Inputs MonthlyCostReport::currentMonth(Inputs inputs)
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(inputs.nowMs, QTimeZone::utc()).date();
    inputs.year = today.year();
    inputs.month = today.month();
    return inputs;
}

MonthlyCostReport MonthlyCostReport::compute(HistoryStore &store, const Inputs &inputs)
{
    MonthlyCostReport r;
    r.year = inputs.year;
    r.month = inputs.month;
    r.monthStartMs = monthStart(inputs.year, inputs.month);
    r.monthEndMs = inputs.month == 12 ? monthStart(inputs.year + 1, 1) : monthStart(inputs.year, inputs.month + 1);
    r.nowMs = inputs.nowMs;
    r.budgetUsd = inputs.budgetUsd;
    r.monthHours = double(r.monthEndMs - r.monthStartMs) / kMsPerHour;
    r.elapsedHours = double(r.elapsedEndMs() - r.monthStartMs) / kMsPerHour;
    r.remainingHours = r.monthHours - r.elapsedHours;

    r.total = r.line(store, QStringLiteral("total"), SampleSeries::costSeries());
    r.uncoveredHours = r.elapsedHours - r.total.coveredHours;
    for (const TierPolicy &tier : inputs.profile.autoscale.tiers)
        r.tiers.append(r.line(store, tier.name, SampleSeries::tierCostSeries(tier.name)));
    r.addCumulative(RecordedSteps::read(store, SampleSeries::costSeries(), r.monthStartMs, r.elapsedEndMs(), r.nowMs));
    r.recentRate = RecordedSteps::read(store, SampleSeries::costSeries(), r.nowMs - kRecentMs, r.nowMs, r.nowMs);
    r.addSavings(store, inputs);
    return r;
}

MonthlyCostReport::Line MonthlyCostReport::line(HistoryStore &store, const QString &name, const QString &series)
{
    Line l;
    l.name = name;
    const qint64 end = elapsedEndMs();
    const auto steps = RecordedSteps::read(store, series, monthStartMs, end, nowMs);
    l.soFarUsd = RecordedSteps::integralHours(steps, monthStartMs, end);
    l.coveredHours = double(RecordedSteps::coveredMs(steps, monthStartMs, end)) / kMsPerHour;

    const auto recent = RecordedSteps::read(store, series, nowMs - kRecentMs, nowMs, nowMs);
    const qint64 recentCovered = RecordedSteps::coveredMs(recent, nowMs - kRecentMs, nowMs);
    if (recentCovered > 0)
        l.recentUsdPerHour = RecordedSteps::integralHours(recent, nowMs - kRecentMs, nowMs) * kMsPerHour
            / double(recentCovered);
    if (remainingHours <= 0.0)
        l.projectedUsd = l.soFarUsd;
    else if (l.recentUsdPerHour)
        l.projectedUsd = l.soFarUsd + *l.recentUsdPerHour * remainingHours;
    return l;
}

void MonthlyCostReport::addSavings(HistoryStore &store, const Inputs &inputs)
{
    const QHash<QString, double> prices = perReplicaUsdPerHour(inputs);
    const qint64 end = elapsedEndMs();
    for (const TierPolicy &tier : inputs.profile.autoscale.tiers) {
        if (tier.discovered)
            continue; // no max_replicas: no peak to compare with
        const auto steps = RecordedSteps::read(store, MetricsStore::tierReplicasSeries(tier.name), monthStartMs, end, nowMs);
        TierSavings t{tier.name, tier.maxReplicas, RecordedSteps::integralHours(steps, monthStartMs, end),
                      double(RecordedSteps::coveredMs(steps, monthStartMs, end)) / kMsPerHour, 0.0, 0.0};
        const double price = prices.value(tier.name, 0.0);
        t.actualUsd = t.replicaHours * price;
        t.peakUsd = double(t.maxReplicas) * price * t.coveredHours;
        savings.actualUsd += t.actualUsd;
        savings.peakUsd += t.peakUsd;
        savings.coveredHours = std::max(savings.coveredHours, t.coveredHours);
        savings.tiers.append(t);
    }
    if (savings.peakUsd > 0.0)
        savings.fraction = 1.0 - savings.actualUsd / savings.peakUsd;
}

void MonthlyCostReport::addCumulative(const std::vector<RecordedStep> &steps)
{
    const qint64 end = elapsedEndMs();
    double usd = 0.0;
    qint64 at = monthStartMs;
    std::size_t first = 0; // steps before it end before `at`: a month of steps is walked once
    cumulative.push_back({at, 0.0});
    while (at < end) {
        const qint64 next = std::min(end, at + kCumulativeStepMs);
        while (first < steps.size() && steps[first].toMs <= at)
            ++first;
        for (std::size_t i = first; i < steps.size() && steps[i].fromMs < next; ++i)
            usd += steps[i].value * double(std::min(steps[i].toMs, next) - std::max(steps[i].fromMs, at)) / kMsPerHour;
        cumulative.push_back({next, usd});
        at = next;
    }
}

QString MonthlyCostReport::monthName() const
{
    return QStringLiteral("%1-%2").arg(year, 4, 10, QLatin1Char('0')).arg(month, 2, 10, QLatin1Char('0'));
}

QString MonthlyCostReport::savingsLine() const
{
    const QString claim = QStringLiteral("seed claims %1").arg(QLatin1String(SeedCostCheck::kClaimedSavingsText));
    if (!savings.fraction)
        return QStringLiteral("measured savings vs always-on peak: no replicas recorded in %1; %2").arg(monthName(), claim);
    return QStringLiteral("measured savings vs always-on peak: %1% (recorded %2 of %3); %4")
        .arg(QString::number(*savings.fraction * 100.0, 'f', 0), durationText(savings.coveredHours), monthName(), claim);
}

QString MonthlyCostReport::durationText(double hours)
{
    const qint64 minutes = qRound64(hours * 60.0);
    if (minutes < 60)
        return QStringLiteral("%1 min").arg(minutes);
    if (minutes < 24 * 60)
        return QStringLiteral("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
    return QStringLiteral("%1 d %2 h").arg(minutes / (24 * 60)).arg((minutes / 60) % 24);
}

} // namespace e2i
