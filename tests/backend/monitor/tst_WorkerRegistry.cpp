// Which Celery workers are live (WorkerRegistry): Celery's rule "alive while
// now < last heartbeat + 2 x freq" (CELERY_WIRE.md, "Events") at its edges,
// judged on local receipt times whatever the worker's clock says; a clean
// worker-offline versus a worker lost without one; a worker that comes back.
#include "monitor/WorkerRegistry.h"

#include <QTest>

using namespace e2i;

namespace {

const QDateTime T0 = QDateTime::fromMSecsSinceEpoch(1796605684183, Qt::UTC);

CeleryEvent workerEvent(const char *type, const QString &hostname, double frequency = 2.0)
{
    CeleryEvent e;
    e.type = QString::fromLatin1(type);
    e.hostname = hostname;
    e.frequency = frequency;
    e.timestamp = double(T0.toMSecsSinceEpoch()) / 1000.0;
    return e;
}

QStringList hostnames(const QList<WorkerInfo> &workers)
{
    QStringList names;
    for (const WorkerInfo &w : workers)
        names.append(w.hostname);
    return names;
}

} // namespace

class tst_WorkerRegistry : public QObject {
    Q_OBJECT
private slots:
    void aliveUntilTwiceTheFrequency_data();
    void aliveUntilTwiceTheFrequency();
    void frequencyNotAboveZeroMeansCeleryDefault_data();
    void frequencyNotAboveZeroMeansCeleryDefault();
    void hugeFrequencyNeverExpires_data();
    void hugeFrequencyNeverExpires();
    void workerClockSkewDoesNotMatter_data();
    void workerClockSkewDoesNotMatter();
    void offlineRemovesAtOnceAndIsNotLost();
    void silentWorkerIsLostUntilForgotten();
    void lostWorkerSayingOfflineIsNoLongerLost();
    void lostWorkerRejoins();
    void eventsThatAreNotAboutAWorkerAreIgnored();
    void fieldsAndTierFromTheHeartbeat();
    void lostWorkersAreBounded();
};

void tst_WorkerRegistry::aliveUntilTwiceTheFrequency_data()
{
    QTest::addColumn<double>("frequency");
    QTest::addColumn<qint64>("afterMs");
    QTest::addColumn<bool>("alive");
    for (const double frequency : {2.0, 0.5, 5.0}) {
        const auto window = qint64(2000.0 * frequency);
        QTest::addRow("freq %g, just before", frequency) << frequency << window - 1 << true;
        QTest::addRow("freq %g, at the edge", frequency) << frequency << window << false;
        QTest::addRow("freq %g, long after", frequency) << frequency << window * 10 << false;
    }
}

void tst_WorkerRegistry::aliveUntilTwiceTheFrequency()
{
    QFETCH(double, frequency);
    QFETCH(qint64, afterMs);
    QFETCH(bool, alive);
    WorkerRegistry registry;
    registry.ingest(workerEvent("worker-heartbeat", QStringLiteral("light@vm"), frequency), T0);
    registry.expire(T0.addMSecs(afterMs));
    QCOMPARE(registry.workers().size(), alive ? 1 : 0);
    QCOMPARE(registry.lostWorkers().size(), alive ? 0 : 1); // expired without worker-offline
}

// Celery's own default period (2 s) stands in for one that makes no sense.
void tst_WorkerRegistry::frequencyNotAboveZeroMeansCeleryDefault_data()
{
    QTest::addColumn<double>("frequency");
    QTest::addRow("zero") << 0.0;
    QTest::addRow("negative") << -1.0;
}

void tst_WorkerRegistry::frequencyNotAboveZeroMeansCeleryDefault()
{
    QFETCH(double, frequency);
    WorkerRegistry registry;
    registry.ingest(workerEvent("worker-heartbeat", QStringLiteral("light@vm"), frequency), T0);
    QCOMPARE(registry.workers().value(0).heartbeatFrequency, 2.0);
    registry.expire(T0.addMSecs(3999));
    QCOMPARE(registry.workers().size(), 1);
    registry.expire(T0.addMSecs(4000));
    QCOMPARE(registry.workers().size(), 0);
}

// A period whose window does not fit in 64-bit milliseconds: by Celery's rule
// the worker stays live (until it says offline), and nothing overflows.
void tst_WorkerRegistry::hugeFrequencyNeverExpires_data()
{
    QTest::addColumn<double>("frequency");
    QTest::addRow("1e16 s") << 1e16;
    QTest::addRow("1e300 s") << 1e300;
}

void tst_WorkerRegistry::hugeFrequencyNeverExpires()
{
    QFETCH(double, frequency);
    WorkerRegistry registry;
    registry.ingest(workerEvent("worker-heartbeat", QStringLiteral("odd@vm"), frequency), T0);
    registry.expire(T0.addDays(365));
    QCOMPARE(hostnames(registry.workers()), QStringList{QStringLiteral("odd@vm")});
    QVERIFY(registry.lostWorkers().isEmpty());
    registry.ingest(workerEvent("worker-offline", QStringLiteral("odd@vm"), frequency), T0.addDays(365));
    QVERIFY(registry.workers().isEmpty());
}

// The event's own timestamp (the worker's clock) is not used: a worker an hour
// ahead or behind is judged from when its heartbeat arrived here.
void tst_WorkerRegistry::workerClockSkewDoesNotMatter_data()
{
    QTest::addColumn<double>("skewSeconds");
    QTest::addRow("in step") << 0.0;
    QTest::addRow("an hour ahead") << 3600.0;
    QTest::addRow("an hour behind") << -3600.0;
    QTest::addRow("clock at the epoch") << -double(T0.toSecsSinceEpoch());
}

void tst_WorkerRegistry::workerClockSkewDoesNotMatter()
{
    QFETCH(double, skewSeconds);
    WorkerRegistry registry;
    CeleryEvent heartbeat = workerEvent("worker-heartbeat", QStringLiteral("light@vm"));
    heartbeat.timestamp += skewSeconds;
    registry.ingest(heartbeat, T0);
    QCOMPARE(registry.workers().value(0).lastHeartbeat, T0);
    registry.expire(T0.addMSecs(3999));
    QCOMPARE(registry.workers().size(), 1);
    registry.expire(T0.addMSecs(4000));
    QCOMPARE(registry.workers().size(), 0);
}

void tst_WorkerRegistry::offlineRemovesAtOnceAndIsNotLost()
{
    WorkerRegistry registry;
    registry.ingest(workerEvent("worker-online", QStringLiteral("light@vm")), T0);
    registry.ingest(workerEvent("worker-heartbeat", QStringLiteral("medium@vm")), T0);
    QCOMPARE(hostnames(registry.workers()), (QStringList{QStringLiteral("light@vm"), QStringLiteral("medium@vm")}));
    registry.ingest(workerEvent("worker-offline", QStringLiteral("light@vm")), T0.addMSecs(10));
    QCOMPARE(hostnames(registry.workers()), QStringList{QStringLiteral("medium@vm")});
    registry.expire(T0.addSecs(60));
    QCOMPARE(hostnames(registry.lostWorkers()), QStringList{QStringLiteral("medium@vm")}); // a clean shutdown is not lost
}

void tst_WorkerRegistry::silentWorkerIsLostUntilForgotten()
{
    WorkerRegistry registry;
    registry.setLostForgetSeconds(30);
    registry.ingest(workerEvent("worker-heartbeat", QStringLiteral("heavy@vm")), T0);
    registry.expire(T0.addSecs(5));
    QCOMPARE(hostnames(registry.lostWorkers()), QStringList{QStringLiteral("heavy@vm")});
    QCOMPARE(registry.lostWorkers().value(0).lastHeartbeat, T0);
    // Forgotten counting from its last heartbeat, not from when it was found lost.
    registry.expire(T0.addMSecs(29999));
    QCOMPARE(registry.lostWorkers().size(), 1);
    registry.expire(T0.addSecs(30));
    QVERIFY(registry.lostWorkers().isEmpty());
    QVERIFY(registry.workers().isEmpty());
}

void tst_WorkerRegistry::lostWorkerSayingOfflineIsNoLongerLost()
{
    WorkerRegistry registry;
    registry.ingest(workerEvent("worker-heartbeat", QStringLiteral("heavy@vm")), T0);
    registry.expire(T0.addSecs(10));
    QCOMPARE(registry.lostWorkers().size(), 1);
    registry.ingest(workerEvent("worker-offline", QStringLiteral("heavy@vm")), T0.addSecs(11));
    QVERIFY(registry.lostWorkers().isEmpty());
    QVERIFY(registry.workers().isEmpty());
}

void tst_WorkerRegistry::lostWorkerRejoins()
{
    WorkerRegistry registry;
    CeleryEvent heartbeat = workerEvent("worker-heartbeat", QStringLiteral("heavy@vm"));
    heartbeat.processed = 26;
    registry.ingest(heartbeat, T0);
    registry.expire(T0.addSecs(10));
    QCOMPARE(registry.lostWorkers().size(), 1);

    heartbeat.processed = 27;
    registry.ingest(heartbeat, T0.addSecs(20));
    QVERIFY(registry.lostWorkers().isEmpty());
    QCOMPARE(registry.workers().size(), 1);
    QCOMPARE(registry.workers().value(0).processed, qint64(27));
    QCOMPARE(registry.workers().value(0).lastHeartbeat, T0.addSecs(20));
    registry.expire(T0.addMSecs(23999)); // a fresh window from its return
    QCOMPARE(registry.workers().size(), 1);
}

void tst_WorkerRegistry::eventsThatAreNotAboutAWorkerAreIgnored()
{
    WorkerRegistry registry;
    registry.ingest(workerEvent("task-started", QStringLiteral("light@vm")), T0);
    registry.ingest(workerEvent("worker-heartbeat", QString()), T0);
    registry.ingest(workerEvent("", QStringLiteral("light@vm")), T0);
    QVERIFY(registry.workers().isEmpty());
    registry.expire(T0.addSecs(60));
    QVERIFY(registry.lostWorkers().isEmpty());
}

void tst_WorkerRegistry::fieldsAndTierFromTheHeartbeat()
{
    WorkerRegistry registry;
    registry.setTierPrefixes({{QStringLiteral("light"), QStringLiteral("light-tier")}});
    CeleryEvent heartbeat = workerEvent("worker-heartbeat", QStringLiteral("light@vm"), 1.5);
    heartbeat.active = 3;
    heartbeat.processed = 26;
    heartbeat.loadAverage = {8.31, 8.08, 5.61};
    registry.ingest(heartbeat, T0);
    registry.ingest(workerEvent("worker-heartbeat", QStringLiteral("celery@host")), T0);
    const QList<WorkerInfo> workers = registry.workers(); // sorted by hostname
    QCOMPARE(hostnames(workers), (QStringList{QStringLiteral("celery@host"), QStringLiteral("light@vm")}));
    QCOMPARE(workers.at(0).tier, QString()); // no tier has the prefix "celery"
    const WorkerInfo &light = workers.at(1);
    QCOMPARE(light.tier, QStringLiteral("light-tier"));
    QCOMPARE(light.active, 3);
    QCOMPARE(light.processed, qint64(26));
    QCOMPARE(light.loadAverage, (QList<double>{8.31, 8.08, 5.61}));
    QCOMPARE(light.heartbeatFrequency, 1.5);
    QCOMPARE(light.lastHeartbeat, T0);
}

// WorkerRegistry.h: at most 256 lost workers are kept, whatever happens to the fleet.
void tst_WorkerRegistry::lostWorkersAreBounded()
{
    WorkerRegistry registry;
    for (int i = 0; i < 300; ++i)
        registry.ingest(workerEvent("worker-heartbeat", QStringLiteral("w%1@vm").arg(i)), T0);
    registry.expire(T0.addSecs(5));
    QVERIFY(registry.workers().isEmpty());
    QCOMPARE(registry.lostWorkers().size(), 256);
}

QTEST_GUILESS_MAIN(tst_WorkerRegistry)
#include "tst_WorkerRegistry.moc"
