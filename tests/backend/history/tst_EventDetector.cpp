// Samples in, timeline events out: each kind of change gives one event, at the
// sample's time, and nothing is reported twice.
#include "history/EventDetector.h"
#include "history/EventKinds.h"

#include <QTest>

using namespace e2i;

namespace {

const QDateTime kT0 = QDateTime::fromMSecsSinceEpoch(1'765'021'320'000, Qt::UTC);

WorkerInfo worker(const QString &host, const QDateTime &heartbeat)
{
    WorkerInfo w;
    w.hostname = host;
    w.tier = QStringLiteral("light");
    w.heartbeatFrequency = 2.0;
    w.lastHeartbeat = heartbeat;
    return w;
}

// A reference sample at t0 + seconds: api up, redis connected, light with the given workers.
PlatformSample sample(int seconds, const QList<WorkerInfo> &workers = {})
{
    PlatformSample s;
    s.sampledAt = kT0.addSecs(seconds);
    s.redis.url = QStringLiteral("redis://127.0.0.1:6379/0");
    s.redis.connected = true;
    s.eventsConnected = true;
    ServiceHealth api;
    api.name = QStringLiteral("api");
    api.status = HealthStatus::Up;
    api.httpStatus = 200;
    api.latencyMs = 5.0;
    api.checkedAt = api.lastChange = s.sampledAt;
    s.services.append(api);
    TierState light;
    light.name = QStringLiteral("light");
    light.minReplicas = 2;
    light.workers = workers;
    light.replicas = int(workers.size());
    s.tiers.append(light);
    QueueDepth q;
    q.name = QStringLiteral("light");
    q.tier = QStringLiteral("light");
    q.depth = 40;
    s.queues.append(q);
    return s;
}

QList<HistoryEvent> ofKind(const QList<HistoryEvent> &events, const QString &kind)
{
    QList<HistoryEvent> out;
    for (const auto &e : events)
        if (e.kind == kind)
            out.append(e);
    return out;
}

} // namespace

class tst_EventDetector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serviceChangesAreReportedOnce();
    void seededStateReportsOnlyWhatChanged();
    void redisOutageHasItsDuration();
    void depthThatFellAcrossAnOutageIsPossibleLoss();
    void workersJoinLeaveCleanlyOrAreLost();
    void tierBelowMinimumAndBack();
    void flowFindingsAreRaisedAndCleared();
};

void tst_EventDetector::serviceChangesAreReportedOnce()
{
    EventDetector detector;
    const auto first = ofKind(detector.detect(sample(0)), EventKinds::ServiceStatus);
    QCOMPARE(first.size(), 1);
    QCOMPARE(first[0].from, QString()); // first seen
    QCOMPARE(first[0].to, QStringLiteral("up"));
    QVERIFY(ofKind(detector.detect(sample(1)), EventKinds::ServiceStatus).isEmpty());
    PlatformSample down = sample(2);
    down.services[0].status = HealthStatus::Down;
    down.services[0].detail = QStringLiteral("connection refused");
    const auto changed = ofKind(detector.detect(down), EventKinds::ServiceStatus);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed[0].from, QStringLiteral("up"));
    QCOMPARE(changed[0].to, QStringLiteral("down"));
    QCOMPARE(changed[0].detail, QStringLiteral("connection refused"));
    QCOMPARE(changed[0].timeMs, kT0.addSecs(2).toMSecsSinceEpoch());
}

void tst_EventDetector::seededStateReportsOnlyWhatChanged()
{
    EventDetector detector;
    detector.seedService(QStringLiteral("api"), HealthStatus::Up);
    detector.seedRedis(true);
    QVERIFY(detector.detect(sample(0)).isEmpty());
    EventDetector wasDown;
    wasDown.seedService(QStringLiteral("api"), HealthStatus::Down);
    const auto events = ofKind(wasDown.detect(sample(0)), EventKinds::ServiceStatus);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].from, QStringLiteral("down"));
}

void tst_EventDetector::redisOutageHasItsDuration()
{
    EventDetector detector;
    detector.detect(sample(0));
    PlatformSample lost = sample(10);
    lost.redis.connected = false;
    lost.redis.disconnectedSince = kT0.addSecs(9);
    lost.redis.lastError = QStringLiteral("Connection refused");
    lost.eventsConnected = false;
    lost.queues.clear();
    const auto down = ofKind(detector.detect(lost), EventKinds::RedisDisconnected);
    QCOMPARE(down.size(), 1);
    QCOMPARE(down[0].detail, QStringLiteral("Connection refused"));
    lost.sampledAt = kT0.addSecs(20);
    QVERIFY(detector.detect(lost).isEmpty()); // one outage, one event
    const auto back = ofKind(detector.detect(sample(40)), EventKinds::RedisReconnected);
    QCOMPARE(back.size(), 1);
    QCOMPARE(back[0].detail, QStringLiteral("outage of 31 s"));
}

void tst_EventDetector::depthThatFellAcrossAnOutageIsPossibleLoss()
{
    EventDetector detector;
    detector.detect(sample(0));
    PlatformSample lost = sample(5);
    lost.redis.connected = false;
    lost.queues.clear();
    detector.detect(lost);
    PlatformSample back = sample(30);
    back.queues[0].depth = 12; // came back with 28 fewer than the 40 it had
    const auto loss = ofKind(detector.detect(back), EventKinds::PossibleTaskLoss);
    QCOMPARE(loss.size(), 1);
    QCOMPARE(loss[0].subject, QStringLiteral("light"));
    QVERIFY2(loss[0].detail.startsWith(QStringLiteral("28 fewer")), qPrintable(loss[0].detail));
    // Later drops are consumption, not loss.
    PlatformSample later = sample(31);
    later.queues[0].depth = 0;
    QVERIFY(ofKind(detector.detect(later), EventKinds::PossibleTaskLoss).isEmpty());
    // An outage after which the depth held gives no loss.
    EventDetector steady;
    steady.detect(sample(0));
    steady.detect(lost);
    QVERIFY(ofKind(steady.detect(sample(30)), EventKinds::PossibleTaskLoss).isEmpty());
}

void tst_EventDetector::workersJoinLeaveCleanlyOrAreLost()
{
    EventDetector detector;
    const QList<WorkerInfo> both{worker(QStringLiteral("light@a"), kT0), worker(QStringLiteral("light@b"), kT0)};
    detector.detect(sample(0, both));
    QVERIFY(ofKind(detector.detect(sample(6, both)), EventKinds::WorkerJoined).isEmpty()); // the baseline
    // light@a gone 1 s after its heartbeat: only worker-offline removes a worker that early.
    QList<WorkerInfo> onlyB{worker(QStringLiteral("light@b"), kT0.addSecs(6))};
    QList<WorkerInfo> aAt7{worker(QStringLiteral("light@a"), kT0.addSecs(6)), onlyB[0]};
    detector.detect(sample(7, aAt7));
    const auto left = detector.detect(sample(8, onlyB));
    QCOMPARE(ofKind(left, EventKinds::WorkerLeft).size(), 1);
    QCOMPARE(ofKind(left, EventKinds::WorkerLeft)[0].subject, QStringLiteral("light@a"));
    // light@b's last heartbeat is 6 s old when it disappears: lost.
    const auto lost = detector.detect(sample(12, {worker(QStringLiteral("light@c"), kT0.addSecs(12))}));
    QCOMPARE(ofKind(lost, EventKinds::WorkerLost).size(), 1);
    QCOMPARE(ofKind(lost, EventKinds::WorkerLost)[0].subject, QStringLiteral("light@b"));
    QCOMPARE(ofKind(lost, EventKinds::WorkerJoined).size(), 1);
    QCOMPARE(ofKind(lost, EventKinds::WorkerJoined)[0].subject, QStringLiteral("light@c"));
}

void tst_EventDetector::tierBelowMinimumAndBack()
{
    EventDetector detector;
    const QList<WorkerInfo> two{worker(QStringLiteral("light@a"), kT0), worker(QStringLiteral("light@b"), kT0)};
    detector.detect(sample(0, two));
    QVERIFY(ofKind(detector.detect(sample(6, two)), EventKinds::TierBelowMin).isEmpty());
    const auto below = ofKind(detector.detect(sample(7, {two[0]})), EventKinds::TierBelowMin);
    QCOMPARE(below.size(), 1);
    QCOMPARE(below[0].detail, QStringLiteral("1 of min 2 workers"));
    QVERIFY(ofKind(detector.detect(sample(8, {two[0]})), EventKinds::TierBelowMin).isEmpty());
    QCOMPARE(ofKind(detector.detect(sample(9, two)), EventKinds::TierRestored).size(), 1);
}

void tst_EventDetector::flowFindingsAreRaisedAndCleared()
{
    EventDetector detector;
    detector.detect(sample(0));
    PlatformSample stalled = sample(1);
    stalled.attention.append({FlowFindingKinds::Stalled, QStringLiteral("medium"), kT0, QStringLiteral("no progress for 60 s")});
    stalled.attention.append({FlowFindingKinds::BelowMin, QStringLiteral("light"), kT0, {}}); // a tier event already
    const auto raised = ofKind(detector.detect(stalled), FlowFindingKinds::Stalled);
    QCOMPARE(raised.size(), 1);
    QCOMPARE(raised[0].subject, QStringLiteral("medium"));
    QCOMPARE(raised[0].to, QStringLiteral("raised"));
    QVERIFY(ofKind(detector.detect(stalled), FlowFindingKinds::Stalled).isEmpty()); // still true: nothing new
    QVERIFY(ofKind(detector.detect(stalled), FlowFindingKinds::BelowMin).isEmpty());
    const auto cleared = ofKind(detector.detect(sample(3)), FlowFindingKinds::Stalled);
    QCOMPARE(cleared.size(), 1);
    QCOMPARE(cleared[0].to, QStringLiteral("cleared"));
}

QTEST_GUILESS_MAIN(tst_EventDetector)
#include "tst_EventDetector.moc"
