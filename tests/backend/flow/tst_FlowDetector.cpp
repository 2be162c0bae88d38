// FlowDetector over hand-built samples: each finding raised and cleared, with
// its `since` kept while it holds.
#include "flow/FlowDetector.h"

#include <QTest>

using namespace e2i;

namespace {
const QDateTime kStart = QDateTime(QDate(2026, 12, 6), QTime(12, 0), Qt::UTC);

WorkerInfo worker(const QString &hostname, const QString &tier, qint64 processed, int active = 0)
{
    WorkerInfo w;
    w.hostname = hostname;
    w.tier = tier;
    w.processed = processed;
    w.active = active;
    w.lastHeartbeat = kStart;
    return w;
}

TierState tier(const QString &name, const QStringList &queues, QList<WorkerInfo> workers, qint64 queued, int min = 0, int max = 4)
{
    TierState t;
    t.name = name;
    t.queues = queues;
    t.workers = workers;
    t.replicas = int(workers.size());
    t.queued = queued;
    t.minReplicas = min;
    t.maxReplicas = max;
    return t;
}

QueueDepth queue(const QString &name, const QString &tierName, qint64 depth)
{
    QueueDepth q;
    q.name = name;
    q.tier = tierName;
    q.depth = depth;
    return q;
}

FlowInputs inputs(const QDateTime &now, QList<TierState> tiers, QList<QueueDepth> queues)
{
    FlowInputs in;
    in.now = now;
    in.countsKnown = true;
    in.tiers = tiers;
    in.queues = queues;
    return in;
}

const FlowFinding *find(const QList<FlowFinding> &findings, const QString &kind, const QString &subject)
{
    for (const auto &f : findings)
        if (f.kind == kind && f.subject == subject)
            return &f;
    return nullptr;
}
} // namespace

class tst_FlowDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void noConsumerFromActiveQueues();
    void noConsumerFallsBackToTheMappingAndSaysSo();
    void stalledAfterItsTimeAndClearedByProgress();
    void idleTierIsNotStalledWhenWorkArrives();
    void activeAboveConcurrencyIsStalled();
    void failingNeedsRateAndCount_data();
    void failingNeedsRateAndCount();
    void belowMinAndAtMaxGrowing();
    void workerLostSinceItsLastHeartbeat();
    void unknownCountsKeepOnlyTaskFindings();
};

void tst_FlowDetector::noConsumerFromActiveQueues()
{
    FlowDetector detector;
    const auto light = tier(QStringLiteral("light"), {QStringLiteral("api"), QStringLiteral("quick")},
                            {worker(QStringLiteral("light@1"), QStringLiteral("light"), 0)}, 5);
    FlowInputs in = inputs(kStart, {light}, {queue(QStringLiteral("api"), QStringLiteral("light"), 5)});
    in.consumers.byWorker.insert(QStringLiteral("light@1"), {QStringLiteral("quick")}); // cancelled api
    auto findings = detector.evaluate(in);
    const FlowFinding *f = find(findings, FlowFindingKinds::NoConsumer, QStringLiteral("api"));
    QVERIFY(f);
    QCOMPARE(f->since, kStart);
    QVERIFY(f->detail.contains(QStringLiteral("from the workers' active_queues")));
    in.now = kStart.addSecs(1);
    QCOMPARE(find(detector.evaluate(in), FlowFindingKinds::NoConsumer, QStringLiteral("api"))->since, kStart);
    in.consumers.byWorker[QStringLiteral("light@1")].append(QStringLiteral("api"));
    QVERIFY(!find(detector.evaluate(in), FlowFindingKinds::NoConsumer, QStringLiteral("api")));
    in.queues = {queue(QStringLiteral("api"), QStringLiteral("light"), 0)}; // no work, no finding
    in.consumers = {};
    QVERIFY(!find(detector.evaluate(in), FlowFindingKinds::NoConsumer, QStringLiteral("api")));
}

void tst_FlowDetector::noConsumerFallsBackToTheMappingAndSaysSo()
{
    FlowDetector detector;
    const auto light = tier(QStringLiteral("light"), {QStringLiteral("api")}, {worker(QStringLiteral("light@1"), QStringLiteral("light"), 0)}, 0);
    const auto heavy = tier(QStringLiteral("heavy"), {QStringLiteral("shap")}, {}, 3);
    FlowInputs in = inputs(kStart, {light, heavy}, {queue(QStringLiteral("api"), QStringLiteral("light"), 2), queue(QStringLiteral("shap"), QStringLiteral("heavy"), 3)});
    in.consumers.silent = {QStringLiteral("light@1")};
    const auto findings = detector.evaluate(in);
    QVERIFY(!find(findings, FlowFindingKinds::NoConsumer, QStringLiteral("api"))); // the mapping says light consumes it
    const FlowFinding *shap = find(findings, FlowFindingKinds::NoConsumer, QStringLiteral("shap"));
    QVERIFY(shap);
    QVERIFY(shap->detail.contains(QStringLiteral("compose/autoscale mapping")));
}

void tst_FlowDetector::stalledAfterItsTimeAndClearedByProgress()
{
    FlowSettings settings;
    settings.stallSeconds = 60;
    FlowDetector detector(settings);
    const auto sample = [&](int second, qint64 processed) {
        const auto medium = tier(QStringLiteral("medium"), {QStringLiteral("analytics")},
                                 {worker(QStringLiteral("medium@1"), QStringLiteral("medium"), processed, 4)}, 30);
        return detector.evaluate(inputs(kStart.addSecs(second), {medium}, {}));
    };
    QVERIFY(!find(sample(0, 10), FlowFindingKinds::Stalled, QStringLiteral("medium")));
    QVERIFY(!find(sample(59, 10), FlowFindingKinds::Stalled, QStringLiteral("medium")));
    const auto stalled = sample(60, 10);
    const FlowFinding *f = find(stalled, FlowFindingKinds::Stalled, QStringLiteral("medium"));
    QVERIFY(f);
    QCOMPARE(f->since, kStart.addSecs(60));
    QVERIFY(f->detail.contains(QStringLiteral("processed unchanged since 12:00:00Z")));
    QVERIFY(!find(sample(61, 11), FlowFindingKinds::Stalled, QStringLiteral("medium")));
}

void tst_FlowDetector::idleTierIsNotStalledWhenWorkArrives()
{
    FlowDetector detector;
    const auto sample = [&](int second, qint64 queued) {
        const auto medium = tier(QStringLiteral("medium"), {QStringLiteral("analytics")},
                                 {worker(QStringLiteral("medium@1"), QStringLiteral("medium"), 10)}, queued);
        return detector.evaluate(inputs(kStart.addSecs(second), {medium}, {}));
    };
    sample(0, 0);
    QVERIFY(!find(sample(600, 0), FlowFindingKinds::Stalled, QStringLiteral("medium")));
    QVERIFY(!find(sample(601, 5), FlowFindingKinds::Stalled, QStringLiteral("medium")));
    QVERIFY(find(sample(661, 5), FlowFindingKinds::Stalled, QStringLiteral("medium")));
}

void tst_FlowDetector::activeAboveConcurrencyIsStalled()
{
    FlowDetector detector;
    const auto light = tier(QStringLiteral("light"), {QStringLiteral("quick")},
                            {worker(QStringLiteral("light@1"), QStringLiteral("light"), 1, 6)}, 3);
    FlowInputs in = inputs(kStart, {light}, {});
    in.concurrency.insert(QStringLiteral("light"), 4);
    const FlowFinding *f = find(detector.evaluate(in), FlowFindingKinds::Stalled, QStringLiteral("light"));
    QVERIFY(f);
    QVERIFY(f->detail.contains(QStringLiteral("6 active exceeds concurrency 4")));
    in.tiers[0].workers[0].active = 4;
    in.tiers[0].workers[0].processed = 2;
    in.now = kStart.addSecs(1);
    QVERIFY(!find(detector.evaluate(in), FlowFindingKinds::Stalled, QStringLiteral("light")));
}

void tst_FlowDetector::failingNeedsRateAndCount_data()
{
    QTest::addColumn<int>("succeeded");
    QTest::addColumn<int>("failedCount");
    QTest::addColumn<bool>("raised");
    QTest::addRow("2 of 5 (40 percent)") << 3 << 2 << true;
    QTest::addRow("4 of 4: too few") << 0 << 4 << false;
    QTest::addRow("1 of 5 (20 percent): not above") << 4 << 1 << false;
    QTest::addRow("6 of 46 (13 percent)") << 40 << 6 << false;
    QTest::addRow("none finished") << 0 << 0 << false;
}

void tst_FlowDetector::failingNeedsRateAndCount()
{
    QFETCH(int, succeeded);
    QFETCH(int, failedCount);
    QFETCH(bool, raised);
    FlowDetector detector;
    FlowInputs in = inputs(kStart, {}, {});
    TaskCounts counts;
    counts.succeeded = succeeded;
    counts.failed = failedCount;
    in.failingWindow.insert(QStringLiteral("e2i.sandbox.unstable"), counts);
    QCOMPARE(find(detector.evaluate(in), FlowFindingKinds::Failing, QStringLiteral("e2i.sandbox.unstable")) != nullptr, raised);
}

void tst_FlowDetector::belowMinAndAtMaxGrowing()
{
    FlowDetector detector;
    const auto light = tier(QStringLiteral("light"), {}, {worker(QStringLiteral("light@1"), QStringLiteral("light"), 0)}, 0, 2, 4);
    const auto heavy = tier(QStringLiteral("heavy"), {}, {worker(QStringLiteral("heavy@1"), QStringLiteral("heavy"), 0)}, 40, 0, 1);
    FlowInputs in = inputs(kStart, {light, heavy}, {});
    auto findings = detector.evaluate(in);
    QVERIFY(find(findings, FlowFindingKinds::BelowMin, QStringLiteral("light")));
    QVERIFY(!find(findings, FlowFindingKinds::AtMaxGrowing, QStringLiteral("heavy"))); // at max, not growing
    in.growingTiers.insert(QStringLiteral("heavy"));
    QVERIFY(find(detector.evaluate(in), FlowFindingKinds::AtMaxGrowing, QStringLiteral("heavy")));
}

void tst_FlowDetector::workerLostSinceItsLastHeartbeat()
{
    FlowDetector detector;
    FlowInputs in = inputs(kStart.addSecs(5), {}, {});
    WorkerInfo lost = worker(QStringLiteral("light@2"), QStringLiteral("light"), 3);
    lost.lastHeartbeat = kStart.addSecs(1);
    in.lostWorkers = {lost};
    const FlowFinding *f = find(detector.evaluate(in), FlowFindingKinds::WorkerLost, QStringLiteral("light@2"));
    QVERIFY(f);
    QCOMPARE(f->since, kStart.addSecs(1));
    QVERIFY(f->detail.contains(QStringLiteral("no worker-offline")));
    in.lostWorkers.clear();
    QVERIFY(detector.evaluate(in).isEmpty());
}

void tst_FlowDetector::unknownCountsKeepOnlyTaskFindings()
{
    FlowDetector detector;
    FlowInputs in = inputs(kStart, {tier(QStringLiteral("light"), {}, {}, 0, 2)}, {queue(QStringLiteral("api"), {}, 0)});
    in.countsKnown = false;
    TaskCounts counts;
    counts.failed = 5;
    in.failingWindow.insert(QStringLiteral("x"), counts);
    const auto findings = detector.evaluate(in);
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().kind, FlowFindingKinds::Failing);
}

QTEST_APPLESS_MAIN(tst_FlowDetector)
#include "tst_FlowDetector.moc"
