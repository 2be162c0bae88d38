// MonthlyCostReport and RecordedSteps on a synthetic history file.
//
// Prices: one instance of 1 vCPU / 1 GiB at $1/h, so a unit (1 GiB-hour, or
// 1/9 vCPU-hour) costs 1 / (9 + 1) = $0.1: a container of 1 vCPU / 1 GiB costs
// $1/h, one of 2 vCPU / 2 GiB $2/h.
// Platform: api (fixed, 1/1, $1/h); light (1/1, $1/h, 1..4 replicas);
// heavy (2/2, $2/h, 0..2 replicas).
//
// The recording: a sample every minute at hh:mm:30, from 2026-11-30 23:00:30 to
// 2026-12-01 07:00:30 UTC, nothing between 04:00:30 and 06:00:30:
//   A  23:00:30 -> 01:00:30  light 1, heavy 0   $2/h (api 1 + light 1)
//   B  01:00:30 -> 03:00:30  light 4, heavy 2   $9/h (1 + 4 + 4)
//   C  03:00:30 -> 04:00:30  light 1, heavy 0   $2/h; the 04:00:30 sample is
//      followed by 2 h of silence, so it covers nothing (the gap)
//   D  06:00:30 -> 07:00:30  light 1, heavy 0   $2/h; now = 07:00:30
#include "ReferenceProfile.h"
#include "cost/MonthlyCostJson.h"
#include "cost/MonthlyCostReport.h"
#include "history/HistoryStore.h"
#include "history/RecordedSteps.h"
#include "history/SampleSeries.h"
#include "monitor/MetricsStore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace e2i;

namespace {

constexpr qint64 kMinute = 60 * 1000;
constexpr double kHalfMinuteH = 30.0 / 3600.0;

qint64 utc(int month, int day, int hour, int minute, int second)
{
    return QDateTime(QDate(2026, month, day), QTime(hour, minute, second), QTimeZone::utc()).toMSecsSinceEpoch();
}

const qint64 kFirst = utc(11, 30, 23, 0, 30);
const qint64 kNow = utc(12, 1, 7, 0, 30);

TierPolicy tier(const char *name, const char *service, int min, int max)
{
    TierPolicy t;
    t.name = QLatin1String(name);
    t.service = QLatin1String(service);
    t.minReplicas = min;
    t.maxReplicas = max;
    return t;
}

PlatformProfile profile()
{
    PlatformProfile p;
    p.services = {test::service("api", 1, 1), test::worker("worker_light", 1, 1, 1, "light"),
                  test::worker("worker_heavy", 2, 2, 0, "heavy")};
    p.autoscale.tiers = {tier("light", "worker_light", 1, 4), tier("heavy", "worker_heavy", 0, 2)};
    return p;
}

PricingCatalog catalog()
{
    Diagnostics diagnostics;
    return PricingCatalog::fromYaml("hours_per_month: 730\ninstances:\n"
                                    "  - {name: t.unit, vcpus: 1, memory_gib: 1, usd_per_hour: 1.0}\n",
                                    QStringLiteral("test.yml"), &diagnostics);
}

HistoryStore::Values valuesFor(int light, int heavy)
{
    return {{SampleSeries::costSeries(), 1.0 + light * 1.0 + heavy * 2.0},
            {SampleSeries::tierCostSeries(QStringLiteral("light")), light * 1.0},
            {SampleSeries::tierCostSeries(QStringLiteral("heavy")), heavy * 2.0},
            {MetricsStore::tierReplicasSeries(QStringLiteral("light")), double(light)},
            {MetricsStore::tierReplicasSeries(QStringLiteral("heavy")), double(heavy)}};
}

bool record(HistoryStore &store)
{
    const qint64 b = utc(12, 1, 1, 0, 30), c = utc(12, 1, 3, 0, 30);
    const qint64 gapFrom = utc(12, 1, 4, 0, 30), gapTo = utc(12, 1, 6, 0, 30);
    for (qint64 t = kFirst; t <= kNow; t += kMinute) {
        if (t > gapFrom && t < gapTo)
            continue;
        const bool peak = t >= b && t < c;
        if (!store.appendSample(t, peak ? valuesFor(4, 2) : valuesFor(1, 0)))
            return false;
    }
    return true;
}

MonthlyCostReport::Inputs inputs(int month, qint64 nowMs)
{
    return {profile(), catalog(), CostOptions{}, 2026, month, nowMs, std::nullopt};
}

const MonthlyCostReport::Line *tierLine(const MonthlyCostReport &r, const char *name)
{
    for (const auto &line : r.tiers)
        if (line.name == QLatin1String(name))
            return &line;
    return nullptr;
}

} // namespace

class tst_MonthlyCostReport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void stepsHoldUntilTheNextValueWithinTheGapLimit();
    void monthSoFarWithGapAndCarryIn();
    void projectionFromTheLast24Hours();
    void savingsVsAlwaysOnPeak();
    void previousMonthEndsAtItsBoundary();
    void noProjectionWithoutRecentRecording();
    void jsonHasTheFiguresAndTheBudget();

private:
    QTemporaryDir m_dir;
    HistoryStore m_store;
};

void tst_MonthlyCostReport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_store.open(m_dir.filePath(QStringLiteral("history.db"))));
    QVERIFY(record(m_store));
    QVERIFY(!catalog().isEmpty());
}

void tst_MonthlyCostReport::stepsHoldUntilTheNextValueWithinTheGapLimit()
{
    const qint64 gap = RecordedSteps::kMaxStepMs + 1;
    const std::vector<HistoryPoint> points{{0, 1.0, 1.0, 1.0}, {kMinute, 1.0, 1.0, 1.0}, {2 * kMinute, 3.0, 3.0, 3.0},
                                           {2 * kMinute + gap, 5.0, 5.0, 5.0}};
    const auto steps = RecordedSteps::fromPoints(points, 2 * kMinute + gap + kMinute);
    // 0..1 min and 1..2 min merge (same value); the 3.0 is followed by a gap and
    // covers nothing; the last value holds until "now", a minute later.
    QCOMPARE(steps.size(), std::size_t(2));
    QCOMPARE(steps[0].fromMs, qint64(0));
    QCOMPARE(steps[0].toMs, 2 * kMinute);
    QCOMPARE(steps[1].value, 5.0);
    QCOMPARE(steps[1].toMs - steps[1].fromMs, kMinute);
    QCOMPARE(RecordedSteps::coveredMs(steps, 0, 10 * kMinute), 3 * kMinute);
    // Stale "now": the newest value holds for nothing.
    QCOMPARE(RecordedSteps::fromPoints(points, 2 * kMinute + 2 * gap).size(), std::size_t(1));
}

void tst_MonthlyCostReport::monthSoFarWithGapAndCarryIn()
{
    const MonthlyCostReport r = MonthlyCostReport::compute(m_store, inputs(12, kNow));
    QCOMPARE(r.monthName(), QStringLiteral("2026-12"));
    QCOMPARE(r.monthHours, 744.0);
    // Elapsed 7 h 0 min 30 s; covered: 00:00:00 -> 04:00:30 (the 23:59:30 value
    // carries into December for 30 s) and 06:00:30 -> 07:00:30.
    QVERIFY(qFuzzyCompare(r.elapsedHours, 7.0 + kHalfMinuteH));
    QVERIFY(qFuzzyCompare(r.total.coveredHours, 5.0 + kHalfMinuteH));
    QVERIFY(qFuzzyCompare(r.uncoveredHours, 2.0));
    // A 2 x (1 h + 30 s) + B 9 x 2 + C 2 x 1 + D 2 x 1.
    QVERIFY(qFuzzyCompare(r.total.soFarUsd, 2.0 * (1.0 + kHalfMinuteH) + 18.0 + 2.0 + 2.0));
    // light: 1 x (1 h + 30 s) + 4 x 2 + 1 + 1; heavy: 2 replicas x $2 x 2 h.
    QVERIFY(qFuzzyCompare(tierLine(r, "light")->soFarUsd, 11.0 + kHalfMinuteH));
    QVERIFY(qFuzzyCompare(tierLine(r, "heavy")->soFarUsd, 8.0));
    QVERIFY(qFuzzyCompare(r.cumulative.back().usd, r.total.soFarUsd));
    QCOMPARE(r.cumulative.back().timeMs, kNow);
}

void tst_MonthlyCostReport::projectionFromTheLast24Hours()
{
    const MonthlyCostReport r = MonthlyCostReport::compute(m_store, inputs(12, kNow));
    // The 24 h before now hold everything recorded: 6 h covered (23:00:30 ->
    // 04:00:30, 06:00:30 -> 07:00:30) costing 2 x 2 + 18 + 2 + 2 = $26.
    QVERIFY(r.total.recentUsdPerHour);
    QVERIFY(qFuzzyCompare(*r.total.recentUsdPerHour, 26.0 / 6.0));
    QVERIFY(qFuzzyCompare(r.remainingHours, 744.0 - 7.0 - kHalfMinuteH));
    QVERIFY(r.total.projectedUsd);
    QVERIFY(qFuzzyCompare(*r.total.projectedUsd, r.total.soFarUsd + 26.0 / 6.0 * (744.0 - 7.0 - kHalfMinuteH)));
    // heavy: $8 over the same 6 h.
    QVERIFY(qFuzzyCompare(*tierLine(r, "heavy")->recentUsdPerHour, 8.0 / 6.0));
}

void tst_MonthlyCostReport::savingsVsAlwaysOnPeak()
{
    const MonthlyCostReport r = MonthlyCostReport::compute(m_store, inputs(12, kNow));
    const double covered = 5.0 + kHalfMinuteH;
    // light: 11 h + 30 s replica-hours at $1 against 4 x $1 x covered;
    // heavy: 4 replica-hours at $2 against 2 x $2 x covered.
    QCOMPARE(r.savings.tiers.size(), qsizetype(2));
    QVERIFY(qFuzzyCompare(r.savings.tiers[0].replicaHours, 11.0 + kHalfMinuteH));
    QVERIFY(qFuzzyCompare(r.savings.actualUsd, 11.0 + kHalfMinuteH + 8.0));
    QVERIFY(qFuzzyCompare(r.savings.peakUsd, 8.0 * covered));
    QVERIFY(r.savings.fraction);
    QVERIFY(qFuzzyCompare(*r.savings.fraction, 1.0 - (19.0 + kHalfMinuteH) / (8.0 * covered)));
    QVERIFY(qFuzzyCompare(r.savings.coveredHours, covered));
}

void tst_MonthlyCostReport::previousMonthEndsAtItsBoundary()
{
    const MonthlyCostReport r = MonthlyCostReport::compute(m_store, inputs(11, kNow));
    QCOMPARE(r.monthHours, 720.0);
    QCOMPARE(r.remainingHours, 0.0);
    // 23:00:30 -> 24:00:00 at $2/h; December's part is not November's.
    QVERIFY(qFuzzyCompare(r.total.coveredHours, 1.0 - kHalfMinuteH));
    QVERIFY(qFuzzyCompare(r.total.soFarUsd, 2.0 * (1.0 - kHalfMinuteH)));
    QVERIFY(qFuzzyCompare(*r.total.projectedUsd, r.total.soFarUsd)); // the month is over
    QVERIFY(qFuzzyCompare(r.uncoveredHours, 720.0 - 1.0 + kHalfMinuteH));
    QVERIFY(qFuzzyCompare(*r.savings.fraction, 1.0 - (1.0 - kHalfMinuteH) / (8.0 * (1.0 - kHalfMinuteH))));
}

void tst_MonthlyCostReport::noProjectionWithoutRecentRecording()
{
    const MonthlyCostReport r = MonthlyCostReport::compute(m_store, inputs(12, utc(12, 3, 12, 0, 0)));
    QVERIFY(qFuzzyCompare(r.total.soFarUsd, 24.0 + 2.0 * kHalfMinuteH)); // unchanged: nothing recorded since
    QVERIFY(!r.total.recentUsdPerHour);
    QVERIFY(!r.total.projectedUsd);
    QVERIFY(qFuzzyCompare(r.uncoveredHours, 2 * 24.0 + 12.0 - r.total.coveredHours));
}

void tst_MonthlyCostReport::jsonHasTheFiguresAndTheBudget()
{
    MonthlyCostReport::Inputs in = inputs(12, kNow);
    in.budgetUsd = 3000.0;
    const QJsonObject json = monthlyCostReportToJson(MonthlyCostReport::compute(m_store, in), QStringLiteral("budget"));
    QCOMPARE(json.value(QStringLiteral("month")).toString(), QStringLiteral("2026-12"));
    QCOMPARE(json.value(QStringLiteral("total")).toObject().value(QStringLiteral("so_far_usd")).toDouble(), 24.02);
    QCOMPARE(json.value(QStringLiteral("hours")).toObject().value(QStringLiteral("uncovered")).toDouble(), 2.0);
    QCOMPARE(json.value(QStringLiteral("budget_usd")).toDouble(), 3000.0);
    QCOMPARE(json.value(QStringLiteral("projected_over_budget")).toBool(), true); // $3,217.65 projected
    const QJsonObject savings = json.value(QStringLiteral("savings_vs_peak")).toObject();
    QCOMPARE(savings.value(QStringLiteral("seed_claim")).toObject().value(QStringLiteral("low")).toDouble(), 0.4);
    QCOMPARE(json.value(QStringLiteral("tiers")).toArray().size(), qsizetype(2));
}

QTEST_GUILESS_MAIN(tst_MonthlyCostReport)
#include "tst_MonthlyCostReport.moc"
