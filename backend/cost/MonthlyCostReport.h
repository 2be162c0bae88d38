#pragma once
// What a calendar month (UTC) costs, from the recorded history:
//
// - so far: the recorded $/h series (cost/usd_per_hour, and each tier's
//   cost/tier/<t>/usd_per_hour) summed over the month's recorded time, step-wise
//   at the samples' own times (RecordedSteps). Time with no recorded value is
//   reported as uncovered hours; it is neither counted as $0 nor filled in.
// - projected: so far + the recent rate x the hours of the month still to come,
//   the recent rate being the mean $/h over the recorded time of the 24 h
//   before now. Past gaps stay unfilled. A month that is over is projected at
//   its so-far figure; without any recorded time in the last 24 h there is no
//   projection.
// - savings vs always-on peak, for the month's recorded time: 1 - (recorded
//   worker replicas x their price) / (every tier at max_replicas over the same
//   recorded time). Replicas come from tier/<t>/replicas and are priced per
//   replica exactly as CostScenarios prices its "peak" scenario, with today's
//   prices on both sides, so the figure compares with the seed's "40-60% vs
//   always-on peak", which counts workers only (fixed services would add the
//   same sum to both sides).
//
// Reads the disk: run it off the GUI thread.
#include "cost/CostOptions.h"
#include "cost/PricingCatalog.h"
#include "history/RecordedSteps.h"
#include "platform/PlatformProfile.h"

#include <QList>
#include <QString>

#include <algorithm>
#include <optional>
#include <vector>

namespace e2i {

class HistoryStore;

class MonthlyCostReport
{
public:
    struct Line {
        QString name; // "total" or a tier
        double soFarUsd = 0.0;
        double coveredHours = 0.0;
        std::optional<double> recentUsdPerHour;
        std::optional<double> projectedUsd;
    };
    struct TierSavings {
        QString tier;
        int maxReplicas = 0;
        double replicaHours = 0.0;
        double coveredHours = 0.0;
        double actualUsd = 0.0;
        double peakUsd = 0.0;
    };
    struct Savings {
        double actualUsd = 0.0; // recorded worker replicas, priced per replica
        double peakUsd = 0.0;   // every tier at max_replicas over the same recorded time
        double coveredHours = 0.0; // of the tier with the most recorded time
        std::optional<double> fraction; // 1 - actual / peak; none while nothing was recorded
        QList<TierSavings> tiers;
    };
    struct CumulativePoint {
        qint64 timeMs = 0;
        double usd = 0.0;
    };
    struct Inputs {
        PlatformProfile profile;
        PricingCatalog catalog;
        CostOptions options;
        int year = 0;
        int month = 0; // 1..12
        qint64 nowMs = 0;
        std::optional<double> budgetUsd; // the cost_budget rule's monthly_usd
    };

    static constexpr qint64 kRecentMs = 24LL * 3600 * 1000;
    // Points of the month's cumulative cost for a chart: one per this step.
    static constexpr qint64 kCumulativeStepMs = 15LL * 60 * 1000;

    static MonthlyCostReport compute(HistoryStore &store, const Inputs &inputs);
    // The month of `nowMs` (UTC).
    static Inputs currentMonth(Inputs inputs);

    int year = 0;
    int month = 0;
    qint64 monthStartMs = 0;
    qint64 monthEndMs = 0; // exclusive: the next month's first millisecond
    qint64 nowMs = 0;
    double monthHours = 0.0;
    double elapsedHours = 0.0;   // of the month, up to now
    double uncoveredHours = 0.0; // elapsed but not recorded (total series)
    double remainingHours = 0.0;
    std::optional<double> budgetUsd;
    Line total;
    QList<Line> tiers;
    Savings savings;
    std::vector<CumulativePoint> cumulative; // the total so far, month start to now
    std::vector<RecordedStep> recentRate;    // the total $/h over the 24 h before now

    qint64 elapsedEndMs() const { return std::clamp(nowMs, monthStartMs, monthEndMs); }
    QString monthName() const; // "2026-12"
    // "measured savings vs always-on peak: 47% (recorded 3 d 4 h); seed claims 40-60%"
    QString savingsLine() const;
    static QString durationText(double hours); // "3 d 4 h", "5 h 12 min", "12 min"

private:
    Line line(HistoryStore &store, const QString &name, const QString &series);
    void addSavings(HistoryStore &store, const Inputs &inputs);
    void addCumulative(const std::vector<RecordedStep> &steps);
};

} // namespace e2i
