// WhatIfCost on hand-built simulations and a one-instance catalog, so every price
// can be worked out on paper.
#include "cost/CostModel.h"
#include "policy/WhatIfCost.h"

#include <QTest>

using namespace e2i;

namespace {

constexpr double kTolerance = 1e-9;
constexpr double kHoursPerMonth = 730.0;
// One c6i.large-like shape: 2 vCPU, 4 GiB, $0.085/h. With one vCPU worth 9 GiB
// (ResourcePricing::kVcpuWorthGiB) a unit is 0.085 / (9 * 2 + 4) $/h, so a 1 vCPU /
// 2 GiB replica costs 11 units = $0.0425 per hour.
constexpr double kInstanceUsdPerHour = 0.085;
constexpr double kReplicaUsdPerHour = 0.0425;

PricingCatalog catalog()
{
    return PricingCatalog({InstanceType{QStringLiteral("c6i.large"), 2.0, 4.0, kInstanceUsdPerHour}}, kHoursPerMonth);
}

PlatformProfile profile()
{
    PlatformProfile profile;
    ServiceSpec heavy;
    heavy.name = QStringLiteral("worker_heavy");
    heavy.limits = {1.0, 2.0};
    ServiceSpec unlimited;
    unlimited.name = QStringLiteral("worker_unlimited");
    // mem_reservation / cpus reservations only: Compose's minimum, what "now" prices it at.
    ServiceSpec reserved;
    reserved.name = QStringLiteral("worker_reserved");
    reserved.reservations = {1.0, 2.0};
    // Of a profile nobody activated: the autoscaler starts it with that profile.
    ServiceSpec inactive = heavy;
    inactive.name = QStringLiteral("worker_profiled");
    inactive.profiles = {QStringLiteral("heavy")};
    inactive.active = false;
    inactive.inactiveReason = QStringLiteral("profile heavy is not active");
    ServiceSpec inactiveUnlimited = unlimited;
    inactiveUnlimited.name = QStringLiteral("worker_profiled_unlimited");
    inactiveUnlimited.profiles = inactive.profiles;
    inactiveUnlimited.active = false;
    inactiveUnlimited.inactiveReason = inactive.inactiveReason;
    profile.services = {heavy, unlimited, reserved, inactive, inactiveUnlimited};
    return profile;
}

AutoscalePolicy policy(const QString &service)
{
    AutoscalePolicy policy;
    TierPolicy tier;
    tier.name = QStringLiteral("heavy");
    tier.service = service;
    policy.tiers = {tier};
    return policy;
}

// A run of `ticks` ticks every `tickSeconds` with `replicaHours` spent.
WhatIfResult run(int ticks, qint64 tickSeconds, double replicaHours)
{
    TierSimulation simulation;
    simulation.tier = QStringLiteral("heavy");
    for (int i = 0; i < ticks; ++i)
        simulation.times << i * tickSeconds;
    simulation.replicaHours = replicaHours;
    WhatIfResult result;
    result.tiers = {simulation};
    return result;
}

} // namespace

class tst_WhatIfCost : public QObject {
    Q_OBJECT
private slots:
    void monthlyCostScalesTheTraceToAMonth_data();
    void monthlyCostScalesTheTraceToAMonth();
    void unpricedServiceCostsNothingAndSaysWhy_data();
    void unpricedServiceCostsNothingAndSaysWhy();
    void singleTickHasNoMonthlyCost();
    void tierMissingFromProposalIsNotPriced();
    void replicaPricedAsTheNowEstimate_data();
    void replicaPricedAsTheNowEstimate();
};

void tst_WhatIfCost::monthlyCostScalesTheTraceToAMonth_data()
{
    QTest::addColumn<int>("ticks");
    QTest::addColumn<qint64>("tickSeconds");
    QTest::addColumn<double>("currentReplicaHours");
    QTest::addColumn<double>("proposedReplicaHours");
    QTest::addColumn<double>("currentUsd");
    QTest::addColumn<double>("proposedUsd");
    // One hour (241 ticks of 15 s): 2 replica-hours = 2 replicas on average,
    // 2 * 0.0425 * 730 = 62.05; 3 replica-hours -> 93.075.
    QTest::addRow("one hour") << 241 << qint64(15) << 2.0 << 3.0 << 62.05 << 93.075;
    // Half an hour (31 ticks of 60 s): 0.5 replica-hours = 1 replica on average,
    // 0.0425 * 730 = 31.025; 0.25 -> 15.5125.
    QTest::addRow("half an hour, fewer replicas") << 31 << qint64(60) << 0.5 << 0.25 << 31.025 << 15.5125;
    QTest::addRow("idle both ways") << 5 << qint64(15) << 0.0 << 0.0 << 0.0 << 0.0;
}

void tst_WhatIfCost::monthlyCostScalesTheTraceToAMonth()
{
    QFETCH(int, ticks);
    QFETCH(qint64, tickSeconds);
    QFETCH(double, currentReplicaHours);
    QFETCH(double, proposedReplicaHours);
    QFETCH(double, currentUsd);
    QFETCH(double, proposedUsd);
    const AutoscalePolicy heavy = policy(QStringLiteral("worker_heavy"));
    const WhatIfCostComparison cost = WhatIfCost::compare(heavy, run(ticks, tickSeconds, currentReplicaHours), heavy,
                                                          run(ticks, tickSeconds, proposedReplicaHours), profile(), catalog());
    QCOMPARE(cost.tiers.size(), 1);
    QVERIFY(qAbs(cost.tiers[0].currentUsdPerMonth - currentUsd) < kTolerance);
    QVERIFY(qAbs(cost.tiers[0].proposedUsdPerMonth - proposedUsd) < kTolerance);
    QVERIFY(qAbs(cost.tiers[0].differenceUsdPerMonth() - (proposedUsd - currentUsd)) < kTolerance);
    QVERIFY(qAbs(cost.differenceUsdPerMonth() - (proposedUsd - currentUsd)) < kTolerance);
    QVERIFY2(cost.notes.isEmpty(), qPrintable(cost.notes.join(u'\n')));
}

void tst_WhatIfCost::unpricedServiceCostsNothingAndSaysWhy_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("note");
    QTest::addRow("not in compose") << QStringLiteral("worker_gone") << QStringLiteral("not in the compose file");
    QTest::addRow("no limits") << QStringLiteral("worker_unlimited") << QStringLiteral("no limits: not priced");
    QTest::addRow("not started, no limits") << QStringLiteral("worker_profiled_unlimited")
                                            << QStringLiteral("no limits: not priced");
}

void tst_WhatIfCost::unpricedServiceCostsNothingAndSaysWhy()
{
    QFETCH(QString, service);
    QFETCH(QString, note);
    // The proposal moves heavy to another service; the current side stays priced.
    const WhatIfCostComparison cost = WhatIfCost::compare(policy(QStringLiteral("worker_heavy")), run(241, 15, 2.0),
                                                          policy(service), run(241, 15, 2.0), profile(), catalog());
    QVERIFY(qAbs(cost.currentUsdPerMonth - 2 * kReplicaUsdPerHour * kHoursPerMonth) < kTolerance);
    QCOMPARE(cost.proposedUsdPerMonth, 0.0);
    QCOMPARE(cost.notes.size(), 1);
    QVERIFY2(cost.notes[0].contains(note) && cost.notes[0].contains(service), qPrintable(cost.notes[0]));
}

void tst_WhatIfCost::singleTickHasNoMonthlyCost()
{
    const AutoscalePolicy heavy = policy(QStringLiteral("worker_heavy"));
    const WhatIfCostComparison cost = WhatIfCost::compare(heavy, run(1, 15, 0.0), heavy, run(1, 15, 0.0), profile(), catalog());
    QCOMPARE(cost.currentUsdPerMonth, 0.0);
    QVERIFY(!cost.notes.isEmpty());
    QVERIFY(cost.notes[0].contains(QLatin1String("single tick")));
}

void tst_WhatIfCost::tierMissingFromProposalIsNotPriced()
{
    const AutoscalePolicy heavy = policy(QStringLiteral("worker_heavy"));
    const WhatIfCostComparison cost = WhatIfCost::compare(heavy, run(241, 15, 2.0), heavy, WhatIfResult{}, profile(), catalog());
    QVERIFY(cost.tiers.isEmpty());
    QCOMPARE(cost.currentUsdPerMonth, 0.0);
    QVERIFY(cost.notes.value(0).contains(QLatin1String("not simulated under the proposed policy")));
}

void tst_WhatIfCost::replicaPricedAsTheNowEstimate_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<double>("usdPerReplicaHour");
    QTest::addRow("limits") << QStringLiteral("worker_heavy") << kReplicaUsdPerHour;
    QTest::addRow("reservations only") << QStringLiteral("worker_reserved") << kReplicaUsdPerHour;
    QTest::addRow("profile not active") << QStringLiteral("worker_profiled") << kReplicaUsdPerHour;
    QTest::addRow("nothing to price") << QStringLiteral("worker_unlimited") << 0.0;
}

// A trace of one replica on average costs, per month, what the "now" estimate
// gives one replica of the tier: both price a replica by one rule.
void tst_WhatIfCost::replicaPricedAsTheNowEstimate()
{
    QFETCH(QString, service);
    QFETCH(double, usdPerReplicaHour);
    PlatformProfile platform = profile();
    platform.autoscale = policy(service);
    const CostEstimate now = CostModel::estimate(platform, {{QStringLiteral("heavy"), 1}}, catalog(), CostOptions{});
    QCOMPARE(now.resources.tiers.size(), 1);
    const double nowUsdPerMonth = now.resources.tiers[0].usdPerMonth;
    QVERIFY(qAbs(nowUsdPerMonth - usdPerReplicaHour * kHoursPerMonth) < kTolerance);

    const WhatIfCostComparison cost = WhatIfCost::compare(platform.autoscale, run(241, 15, 1.0), platform.autoscale,
                                                          run(241, 15, 1.0), platform, catalog());
    QCOMPARE(cost.tiers.size(), 1);
    QVERIFY2(qAbs(cost.tiers[0].currentUsdPerMonth - nowUsdPerMonth) < kTolerance,
             qPrintable(QStringLiteral("what-if %1, now %2").arg(cost.tiers[0].currentUsdPerMonth).arg(nowUsdPerMonth)));
    QVERIFY(qAbs(cost.tiers[0].proposedUsdPerMonth - nowUsdPerMonth) < kTolerance);
    QCOMPARE(cost.notes.isEmpty(), usdPerReplicaHour > 0.0);
}

QTEST_GUILESS_MAIN(tst_WhatIfCost)
#include "tst_WhatIfCost.moc"
