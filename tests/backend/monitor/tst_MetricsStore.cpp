// MetricsStore: what a sample puts in the series, and what it must not. While
// Redis cannot be read, or worker events are unknown, or a service does not
// answer, or a queue is not in a sample, the series get no point at that time
// (a gap the charts show) instead of a 0 that would read as "empty" or "idle".
#include "monitor/MetricsStore.h"
#include "monitor/PlatformSample.h"

#include <QTest>

using namespace e2i;

namespace {

const QDateTime T0 = QDateTime::fromMSecsSinceEpoch(1796605684000, Qt::UTC);

PlatformSample sampleAt(int second, bool redisConnected, qint64 depth)
{
    PlatformSample sample;
    sample.sampledAt = T0.addSecs(second);
    sample.redis.connected = redisConnected;
    QueueDepth queue;
    queue.name = QStringLiteral("shap");
    queue.tier = QStringLiteral("heavy");
    queue.depth = depth;
    queue.unacked = 1;
    sample.queues.append(queue);
    TierState tier;
    tier.name = QStringLiteral("heavy");
    tier.replicas = 2;
    tier.queued = depth;
    tier.countsKnown = redisConnected;
    sample.tiers.append(tier);
    ServiceHealth api;
    api.name = QStringLiteral("api");
    api.latencyMs = 12.5;
    sample.services.append(api);
    return sample;
}

QList<qint64> times(const TimeSeries *series)
{
    QList<qint64> list;
    for (std::size_t i = 0; series && i < series->size(); ++i)
        list.append(series->at(i).timeMs);
    return list;
}

qint64 at(int second)
{
    return T0.addSecs(second).toMSecsSinceEpoch();
}

} // namespace

class tst_MetricsStore : public QObject {
    Q_OBJECT
private slots:
    void connectedSampleFillsEverySeries();
    void redisOutageIsAGapNotZeros();
    void unknownWorkerCountsAreAGap();
    void unansweredProbeIsAGap();
    void queueMissingFromASampleIsAGap();
    void seriesAreBoundedByPointsPerSeries();
    void grewComparesWithTheValueInForceEarlier();
    void prependHistoryCreatesTheSeries();
};

void tst_MetricsStore::connectedSampleFillsEverySeries()
{
    MetricsStore store(100);
    store.record(sampleAt(0, true, 7));
    QStringList names = store.names();
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("queue/shap/depth"), QStringLiteral("queue/shap/unacked"),
                                 QStringLiteral("redis/connected"), QStringLiteral("service/api/latency_ms"),
                                 QStringLiteral("tier/heavy/queued"), QStringLiteral("tier/heavy/replicas")}));
    QCOMPARE(store.series(MetricsStore::queueDepthSeries(QStringLiteral("shap")))->last().value, 7.0);
    QCOMPARE(store.series(MetricsStore::queueUnackedSeries(QStringLiteral("shap")))->last().value, 1.0);
    QCOMPARE(store.series(MetricsStore::tierReplicasSeries(QStringLiteral("heavy")))->last().value, 2.0);
    QCOMPARE(store.series(MetricsStore::tierQueuedSeries(QStringLiteral("heavy")))->last().value, 7.0);
    QCOMPARE(store.series(MetricsStore::serviceLatencySeries(QStringLiteral("api")))->last().value, 12.5);
    QCOMPARE(store.series(MetricsStore::redisConnectedSeries())->last().value, 1.0);
    QCOMPARE(store.series(MetricsStore::redisConnectedSeries())->last().timeMs, at(0));
    QVERIFY(!store.series(QStringLiteral("queue/nothing/depth")));
}

void tst_MetricsStore::redisOutageIsAGapNotZeros()
{
    MetricsStore store(100);
    store.record(sampleAt(0, true, 7));
    store.record(sampleAt(1, false, 0)); // what a disconnected sample may carry
    store.record(sampleAt(2, false, 0));
    store.record(sampleAt(3, true, 4));
    const QList<qint64> measured{at(0), at(3)};
    QCOMPARE(times(store.series(MetricsStore::queueDepthSeries(QStringLiteral("shap")))), measured);
    QCOMPARE(times(store.series(MetricsStore::queueUnackedSeries(QStringLiteral("shap")))), measured);
    QCOMPARE(times(store.series(MetricsStore::tierReplicasSeries(QStringLiteral("heavy")))), measured);
    QCOMPARE(times(store.series(MetricsStore::tierQueuedSeries(QStringLiteral("heavy")))), measured);
    // The outage itself is recorded, so the charts can mark it.
    const TimeSeries *connected = store.series(MetricsStore::redisConnectedSeries());
    QCOMPARE(times(connected), (QList<qint64>{at(0), at(1), at(2), at(3)}));
    QCOMPARE(connected->at(1).value, 0.0);
    QCOMPARE(connected->at(3).value, 1.0);
    // Service latency does not come from Redis: it goes on.
    QCOMPARE(store.series(MetricsStore::serviceLatencySeries(QStringLiteral("api")))->size(), std::size_t(4));
}

// Redis answers but the event subscription does not: queues are measured, worker counts are not.
void tst_MetricsStore::unknownWorkerCountsAreAGap()
{
    MetricsStore store(100);
    PlatformSample sample = sampleAt(0, true, 7);
    sample.tiers[0].countsKnown = false;
    store.record(sample);
    QVERIFY(!store.series(MetricsStore::tierReplicasSeries(QStringLiteral("heavy"))));
    QVERIFY(!store.series(MetricsStore::tierQueuedSeries(QStringLiteral("heavy"))));
    QCOMPARE(store.series(MetricsStore::queueDepthSeries(QStringLiteral("shap")))->size(), std::size_t(1));
}

void tst_MetricsStore::unansweredProbeIsAGap()
{
    MetricsStore store(100);
    store.record(sampleAt(0, true, 7));
    PlatformSample down = sampleAt(1, true, 7);
    down.services[0].latencyMs = -1.0; // no answer
    store.record(down);
    QCOMPARE(times(store.series(MetricsStore::serviceLatencySeries(QStringLiteral("api")))), QList<qint64>{at(0)});
}

void tst_MetricsStore::queueMissingFromASampleIsAGap()
{
    MetricsStore store(100);
    store.record(sampleAt(0, true, 7));
    PlatformSample without = sampleAt(1, true, 7);
    without.queues.clear();
    store.record(without);
    QCOMPARE(times(store.series(MetricsStore::queueDepthSeries(QStringLiteral("shap")))), QList<qint64>{at(0)});
    QCOMPARE(store.series(MetricsStore::tierQueuedSeries(QStringLiteral("heavy")))->size(), std::size_t(2));
}

void tst_MetricsStore::seriesAreBoundedByPointsPerSeries()
{
    MetricsStore store(3);
    QCOMPARE(store.pointsPerSeries(), std::size_t(3));
    for (int second = 0; second < 5; ++second)
        store.record(sampleAt(second, true, second));
    for (const QString &name : store.names()) {
        QCOMPARE(store.series(name)->capacity(), std::size_t(3));
        QCOMPARE(times(store.series(name)), (QList<qint64>{at(2), at(3), at(4)}));
    }
}

void tst_MetricsStore::grewComparesWithTheValueInForceEarlier()
{
    MetricsStore store(100);
    const QString depth = MetricsStore::queueDepthSeries(QStringLiteral("shap"));
    store.record(sampleAt(0, true, 5));
    QVERIFY(!store.grew(depth, at(30), 60'000)); // nothing known 60 s before
    store.record(sampleAt(60, true, 9));
    QVERIFY(store.grew(depth, at(60), 60'000));
    QVERIFY(store.grew(depth, at(60), 1'000)); // at 59 s the value in force was still the 5 of 0 s
    store.record(sampleAt(61, true, 9));
    QVERIFY(!store.grew(depth, at(61), 1'000)); // 9 -> 9
    QVERIFY(!store.grew(QStringLiteral("queue/nothing/depth"), at(61), 1'000));
}

void tst_MetricsStore::prependHistoryCreatesTheSeries()
{
    MetricsStore store(100);
    const QString depth = MetricsStore::queueDepthSeries(QStringLiteral("shap"));
    store.prependHistory(depth, {{at(-2), 3.0}, {at(-1), 4.0}});
    store.record(sampleAt(0, true, 7));
    QCOMPARE(times(store.series(depth)), (QList<qint64>{at(-2), at(-1), at(0)}));
    QCOMPARE(store.series(depth)->capacity(), std::size_t(100));
}

QTEST_GUILESS_MAIN(tst_MetricsStore)
#include "tst_MetricsStore.moc"
