// Service rates from the workers' `processed` counters: only work done inside
// the window counts, so a worker that joins with a large lifetime total, or a
// stalled one, does not look fast.
#include "autoscale/ServiceRateTracker.h"
#include "monitor/PlatformSample.h"

#include <QTest>

using namespace e2i;

namespace {

const QDateTime kT0 = QDateTime::fromMSecsSinceEpoch(1'765'021'320'000, Qt::UTC);

PlatformSample sample(int seconds, const QList<QPair<QString, qint64>> &workers)
{
    PlatformSample s;
    s.sampledAt = kT0.addSecs(seconds);
    TierState tier;
    tier.name = QStringLiteral("medium");
    for (const auto &[host, processed] : workers) {
        WorkerInfo w;
        w.hostname = host;
        w.processed = processed;
        tier.workers.append(w);
    }
    tier.replicas = int(tier.workers.size());
    s.tiers.append(tier);
    return s;
}

} // namespace

class tst_ServiceRateTracker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsWorkDoneInTheWindow();
    void joiningWorkerBringsNoWork();
    void stalledWorkerHasNoRate();
    void restartedCounterIsNotNegativeWork();
};

void tst_ServiceRateTracker::countsWorkDoneInTheWindow()
{
    ServiceRateTracker tracker;
    for (int s = 0; s <= 60; s += 10)
        tracker.record(sample(s, {{QStringLiteral("medium@a"), 1000 + s}, {QStringLiteral("medium@b"), 500 + s}}));
    // 60 tasks each in one minute with two replicas: 60 per replica per minute.
    QCOMPARE(tracker.tasksPerReplicaPerMinute(QStringLiteral("medium"), 3600'000).value_or(-1), 60.0);
}

void tst_ServiceRateTracker::joiningWorkerBringsNoWork()
{
    ServiceRateTracker tracker;
    tracker.record(sample(0, {}));
    tracker.record(sample(10, {{QStringLiteral("medium@a"), 41'520}})); // its lifetime total
    tracker.record(sample(20, {{QStringLiteral("medium@a"), 41'520}}));
    QVERIFY(!tracker.tasksPerReplicaPerMinute(QStringLiteral("medium"), 3600'000));
}

void tst_ServiceRateTracker::stalledWorkerHasNoRate()
{
    ServiceRateTracker tracker;
    for (int s = 0; s <= 120; s += 10)
        tracker.record(sample(s, {{QStringLiteral("medium@a"), 692}}));
    QVERIFY(!tracker.tasksPerReplicaPerMinute(QStringLiteral("medium"), 3600'000));
}

void tst_ServiceRateTracker::restartedCounterIsNotNegativeWork()
{
    ServiceRateTracker tracker;
    tracker.record(sample(0, {{QStringLiteral("medium@a"), 500}}));
    tracker.record(sample(30, {{QStringLiteral("medium@a"), 530}}));
    tracker.record(sample(60, {{QStringLiteral("medium@a"), 0}})); // restarted
    tracker.record(sample(90, {{QStringLiteral("medium@a"), 30}}));
    // 30 + 0 + 30 tasks in 1.5 min with one replica.
    QCOMPARE(tracker.tasksPerReplicaPerMinute(QStringLiteral("medium"), 3600'000).value_or(-1), 40.0);
}

QTEST_GUILESS_MAIN(tst_ServiceRateTracker)
#include "tst_ServiceRateTracker.moc"
