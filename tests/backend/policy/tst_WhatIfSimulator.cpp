// WhatIfSimulator on constructed traces whose replica curves are worked out by hand.
#include "ReferencePolicy.h"
#include "policy/WhatIfSimulator.h"

#include <QTest>

using namespace e2i;

namespace {

constexpr double kTolerance = 1e-9;
constexpr qint64 kT0 = 1795442400; // any epoch second works

DepthTrace trace(const QList<std::tuple<qint64, const char *, qint64>> &rows)
{
    QByteArray csv("timestamp,queue,depth\n");
    for (const auto &[offset, queue, depth] : rows)
        csv += QByteArray::number(kT0 + offset) + ',' + queue + ',' + QByteArray::number(depth) + '\n';
    Diagnostics diagnostics;
    const auto parsed = DepthTrace::fromCsv(csv, QStringLiteral("constructed.csv"), &diagnostics);
    if (!parsed)
        qFatal("constructed trace rejected: %s", qPrintable(diagnostics.first().toString()));
    return *parsed;
}

AutoscalePolicy onlyTier(const char *name)
{
    AutoscalePolicy policy;
    policy.pollIntervalSeconds = 15;
    policy.tiers = {test::referenceTier(QLatin1String(name))};
    return policy;
}

QList<int> repeat(int value, int times) { return QList<int>(times, value); }

} // namespace

class tst_WhatIfSimulator : public QObject {
    Q_OBJECT
private slots:
    void heavyActivatesThenCoolsDown();
    void mediumWaitsForScaleUpCooldown();
    void unusableInputsAreNoted();
};

void tst_WhatIfSimulator::heavyActivatesThenCoolsDown()
{
    // heavy: min 0, max 4, up > 1, down < 0.5, step up 2, cooldowns up 60 / down 600.
    // 4 tasks appear at 15 s; 4 tasks/replica/minute = 1 per replica per 15 s tick.
    // tick 0 (0 s): nothing queued, 0 replicas: hold 0.
    // tick 1 (15 s): 4 arrive, nobody serves; 0 replicas with 4 queued: activate 0 -> 2.
    // tick 2 (30 s): 2 served (wait 15 s), 2 left; load 2/2 = 1.0, not > 1: hold 2.
    // tick 3 (45 s): 2 served (wait 30 s); load 0 < 0.5 but last change at 15 s: hold.
    // tick 41 (615 s): 600 s since the change: scale down 2 -> 1.
    // tick 81 (1215 s): 600 s since that: scale down 1 -> 0. Trace ends at tick 82.
    // Replica-hours: 40 ticks x 2 + 40 ticks x 1 = 120 x 15 s = 1800 s = 0.5 h.
    const DepthTrace recorded = trace({{0, "shap", 0}, {15, "shap", 4}, {1230, "shap", 4}});
    const WhatIfResult result = WhatIfSimulator::run(onlyTier("heavy"), recorded,
                                                     {{{QStringLiteral("heavy"), 4.0}}, {}});
    QVERIFY(result.notes.isEmpty());
    QCOMPARE(result.tiers.size(), 1);
    const TierSimulation &heavy = result.tiers.first();

    QCOMPARE(heavy.times.size(), 83);
    QCOMPARE(heavy.times.last(), kT0 + 1230);
    QCOMPARE(heavy.replicas, repeat(0, 1) + repeat(2, 40) + repeat(1, 40) + repeat(0, 2));
    QCOMPARE(heavy.backlog.mid(0, 4), (QList<double>{0, 4, 2, 0}));
    QCOMPARE(heavy.arrived, 4);
    QCOMPARE(heavy.stillQueued, 0.0);
    // Two tasks waited 15 s, two 30 s.
    QVERIFY(qAbs(heavy.meanWaitSeconds - 22.5) < kTolerance);
    QCOMPARE(heavy.worstWaitSeconds, 30.0);
    QVERIFY(qAbs(heavy.replicaHours - 0.5) < kTolerance);
}

void tst_WhatIfSimulator::mediumWaitsForScaleUpCooldown()
{
    // medium: min 1, max 3, up > 10, down < 2, cooldowns up 60 / down 300.
    // 25 tasks appear at 15 s; 2 tasks/replica/minute = 0.5 per replica per tick.
    // tick 1 (15 s): 1 replica serves 0.5 -> 24.5; queued 25, load 25 > 10: up 1 -> 2.
    // ticks 2-4 (30-60 s): 2 serve 1 per tick -> 23.5, 22.5, 21.5; load 12, 11.5, 11
    //   but the scale-up was 15, 30, 45 s ago (< 60): hold 2.
    // tick 5 (75 s): -> 20.5; queued 21, load 10.5 > 10, 60 s passed: up 2 -> 3.
    // tick 6 (90 s): 3 serve 1.5 -> 19; load 19/3 = 6.3: hold 3. Trace ends.
    // Waits (arrived at 15 s): 0.5 x 0 s, 1 x 15, 1 x 30, 1 x 45, 1 x 60, 1.5 x 75,
    //   and 19 still queued having waited 75 s: (150 + 112.5 + 1425) / 25 = 67.5 s.
    // Replica-hours: (1 + 2 + 2 + 2 + 2 + 3) x 15 s = 180 s = 0.05 h.
    const DepthTrace recorded = trace({{0, "analytics", 0}, {15, "analytics", 25}, {90, "analytics", 25}});
    const WhatIfResult result = WhatIfSimulator::run(onlyTier("medium"), recorded,
                                                     {{{QStringLiteral("medium"), 2.0}}, {}});
    const TierSimulation &medium = result.tiers.first();

    QCOMPARE(medium.replicas, (QList<int>{1, 2, 2, 2, 2, 3, 3}));
    QCOMPARE(medium.backlog, (QList<double>{0, 24.5, 23.5, 22.5, 21.5, 20.5, 19}));
    QCOMPARE(medium.stillQueued, 19.0);
    QVERIFY(qAbs(medium.meanWaitSeconds - 67.5) < kTolerance);
    QCOMPARE(medium.worstWaitSeconds, 75.0);
    QVERIFY(qAbs(medium.replicaHours - 0.05) < kTolerance);
}

void tst_WhatIfSimulator::unusableInputsAreNoted()
{
    AutoscalePolicy policy = test::referencePolicy();
    const DepthTrace recorded = trace({{0, "shap", 1}, {15, "mystery", 3}});
    const WhatIfResult result = WhatIfSimulator::run(policy, recorded,
                                                     {{{QStringLiteral("heavy"), 4.0}, {QStringLiteral("light"), 0.0}}, {}});
    const QString notes = result.notes.join(QLatin1Char('\n'));
    QVERIFY2(notes.contains(QStringLiteral("queue 'mystery' in the trace belongs to no tier")), qPrintable(notes));
    QVERIFY2(notes.contains(QStringLiteral("tier 'light' has no service rate")), qPrintable(notes));
    QVERIFY2(notes.contains(QStringLiteral("tier 'medium' has no service rate")), qPrintable(notes));
    QCOMPARE(result.tiers.size(), 1);
    // The initial depth of 1 is the initial backlog: activation at the first tick.
    QCOMPARE(result.tiers.first().replicas.first(), 2);

    policy.pollIntervalSeconds = 0;
    const WhatIfResult invalid = WhatIfSimulator::run(policy, recorded, {{{QStringLiteral("heavy"), 4.0}}, {}});
    QVERIFY(invalid.tiers.isEmpty());
    QVERIFY(invalid.notes.first().contains(QStringLiteral("poll_interval_seconds is 0")));
}

QTEST_GUILESS_MAIN(tst_WhatIfSimulator)
#include "tst_WhatIfSimulator.moc"
