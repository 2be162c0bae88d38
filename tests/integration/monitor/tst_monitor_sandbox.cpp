// The monitoring backend against a real sandbox platform: real redis-server,
// real Celery workers, real HTTP endpoints with injected faults.
#include "ProgramRun.h"
#include "SandboxPlatform.h"
#include "monitor/PlatformMonitor.h"
#include "monitor/QueueMonitor.h"
#include "session/PlatformResolver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace e2i;

namespace {
constexpr int kIntervalMs = 500;
constexpr int kProbeTimeoutMs = 1000;
constexpr int kHeartbeatFrequencyMs = 2000; // Celery's default
constexpr int kSlackMs = 1500;             // scheduling on a loaded 2-core machine
} // namespace

class tst_monitor_sandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void servicesAndTiersComeFromTheComposeFile();
    void depthsEqualWhatCeleryEnqueuedPerPriority();
    void unackedIsCountedApartFromDepth();
    void replicasFollowScale();
    void killedWorkerLeavesWithinHeartbeatBound();
    void faultShowsOnServiceAndRecovers_data();
    void faultShowsOnServiceAndRecovers();
    void e2ictlPrintsTheSampleAsJson();
    void redisRestartIsSurvived();

private:
    const QueueDepth *queue(const QString &name) const;
    const ServiceHealth *service(const QString &name) const;
    int replicas(const QString &tier) const;
    void ctl(const QStringList &arguments);
    void e2ictlStatusDuringTheOutage();

    std::unique_ptr<test::SandboxPlatform> m_sandbox;
    std::unique_ptr<PlatformMonitor> m_monitor;
    MonitorOptions m_options;
};

void tst_monitor_sandbox::initTestCase()
{
    m_sandbox = std::make_unique<test::SandboxPlatform>();
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));

    PlatformArguments args;
    args.configFile = m_sandbox->consoleConfig();
    ResolvedPlatform resolved = PlatformResolver::resolve(args);
    QVERIFY2(resolved.options.has_value(), qPrintable(resolved.error));
    m_options = *resolved.options;
    m_options.settings.sampleIntervalMs = kIntervalMs;
    m_options.settings.probeTimeoutMs = kProbeTimeoutMs;
    m_options.settings.slowThresholdMs = 800;
    m_monitor = std::make_unique<PlatformMonitor>(m_options);
    m_monitor->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_monitor->isComplete(), 10'000);
}

void tst_monitor_sandbox::cleanupTestCase()
{
    m_monitor.reset();
    m_sandbox.reset();
}

const QueueDepth *tst_monitor_sandbox::queue(const QString &name) const
{
    for (const auto &q : m_monitor->latest().queues)
        if (q.name == name)
            return &q;
    return nullptr;
}

const ServiceHealth *tst_monitor_sandbox::service(const QString &name) const
{
    for (const auto &s : m_monitor->latest().services)
        if (s.name == name)
            return &s;
    return nullptr;
}

int tst_monitor_sandbox::replicas(const QString &tier) const
{
    const TierState *t = m_monitor->latest().tier(tier);
    return t ? t->replicas : -1;
}

void tst_monitor_sandbox::ctl(const QStringList &arguments)
{
    QString output;
    QVERIFY2(m_sandbox->ctl(arguments, &output), qPrintable(arguments.join(u' ') + QStringLiteral(": ") + output));
}

void tst_monitor_sandbox::servicesAndTiersComeFromTheComposeFile()
{
    const PlatformSample &sample = m_monitor->latest();
    QCOMPARE(sample.environment, QStringLiteral("sandbox"));
    QCOMPARE(sample.services.size(), 12);
    QCOMPARE(sample.queues.size(), 9);
    QCOMPARE(sample.tiers.size(), 3);
    QVERIFY(sample.redis.connected);
    QCOMPARE(replicas(QStringLiteral("light")), 2);
    QCOMPARE(replicas(QStringLiteral("medium")), 1);
    QCOMPARE(replicas(QStringLiteral("heavy")), 0);
    for (const char *serviceName : {"api", "mlflow", "bentoml", "feast", "opik", "frontend", "redis", "falkordb"}) {
        const QString name = QString::fromLatin1(serviceName);
        const ServiceHealth *s = service(name);
        QVERIFY2(s, qPrintable(name));
        QVERIFY2(s->status == HealthStatus::Up, qPrintable(name + u' ' + s->detail));
    }
    QCOMPARE(service(QStringLiteral("scheduler"))->status, HealthStatus::Unknown);
}

void tst_monitor_sandbox::depthsEqualWhatCeleryEnqueuedPerPriority()
{
    // The heavy tier has no workers: what a real Celery producer sends stays queued.
    ctl({QStringLiteral("enqueue"), QStringLiteral("shap"), QStringLiteral("5"), QStringLiteral("--priority"), QStringLiteral("0")});
    ctl({QStringLiteral("enqueue"), QStringLiteral("shap"), QStringLiteral("3"), QStringLiteral("--priority"), QStringLiteral("7")});
    ctl({QStringLiteral("enqueue"), QStringLiteral("causal"), QStringLiteral("2"), QStringLiteral("--priority"), QStringLiteral("9")});
    ctl({QStringLiteral("enqueue"), QStringLiteral("twins"), QStringLiteral("4"), QStringLiteral("--priority"), QStringLiteral("4")});

    QTRY_COMPARE_WITH_TIMEOUT(queue(QStringLiteral("twins"))->depth, 4, 3 * kIntervalMs + kSlackMs);
    const QueueDepth *shap = queue(QStringLiteral("shap"));
    QCOMPARE(shap->depth, 8);
    QCOMPARE(shap->byPriority.value(0), 5);
    QCOMPARE(shap->byPriority.value(6), 3); // priority 7 goes to the step-6 sub-queue
    QCOMPARE(queue(QStringLiteral("causal"))->byPriority.value(9), 2);
    QCOMPARE(queue(QStringLiteral("twins"))->byPriority.value(3), 4);
    QCOMPARE(m_monitor->latest().tier(QStringLiteral("heavy"))->queued, 14);
}

void tst_monitor_sandbox::unackedIsCountedApartFromDepth()
{
    // The value is [envelope, exchange, routing_key]: count the routing keys at the end.
    // Medium: one worker, 4 threads, prefetch 4 x 4. Thirty slow tasks fill the
    // threads and the prefetch buffer (unacked) and leave the rest queued.
    ctl({QStringLiteral("enqueue"), QStringLiteral("reports"), QStringLiteral("30"), QStringLiteral("--task"),
         QStringLiteral("e2i.shap.explain")});
    QTRY_VERIFY_WITH_TIMEOUT(queue(QStringLiteral("reports"))->unacked > 0, 5000);

    auto countUnackedInRedis = [this] {
        return m_sandbox->redisCli({QStringLiteral("HVALS"), QStringLiteral("unacked")}).count("\\\"reports\\\"]");
    };
    RedisEndpoint endpoint = m_options.redis;
    QueueMonitor direct(endpoint, CeleryKeyspace({}, QStringLiteral("\x06\x16"), {0, 3, 6, 9}),
                        {{QStringLiteral("reports"), QStringLiteral("medium")}}, kIntervalMs);
    const qsizetype before = countUnackedInRedis();
    const QueueSnapshot snapshot = direct.sampleOnce();
    const qsizetype after = countUnackedInRedis();
    QCOMPARE(snapshot.queues.size(), 1);
    const QueueDepth &reports = snapshot.queues.first();
    QVERIFY2(reports.unacked >= qMin(before, after) && reports.unacked <= qMax(before, after),
             qPrintable(QStringLiteral("unacked %1, redis said %2 then %3").arg(reports.unacked).arg(before).arg(after)));
    QVERIFY(reports.depth > 0);
    QVERIFY(reports.depth + reports.unacked <= 30);
}

void tst_monitor_sandbox::replicasFollowScale()
{
    ctl({QStringLiteral("scale"), QStringLiteral("medium"), QStringLiteral("2")});
    QTRY_COMPARE_WITH_TIMEOUT(replicas(QStringLiteral("medium")), 2, 2 * kIntervalMs + kSlackMs);
    ctl({QStringLiteral("scale"), QStringLiteral("medium"), QStringLiteral("1")});
    // A warm shutdown sends worker-offline: gone at the next sample.
    QTRY_COMPARE_WITH_TIMEOUT(replicas(QStringLiteral("medium")), 1, 2 * kIntervalMs + kSlackMs);
}

void tst_monitor_sandbox::killedWorkerLeavesWithinHeartbeatBound()
{
    QCOMPARE(replicas(QStringLiteral("light")), 2);
    ctl({QStringLiteral("kill-worker"), QStringLiteral("light")});
    // SIGKILL sends nothing: the worker must expire after 2 x its heartbeat period.
    QTRY_COMPARE_WITH_TIMEOUT(replicas(QStringLiteral("light")), 1, 2 * kHeartbeatFrequencyMs + kIntervalMs + kSlackMs);
    QCOMPARE(service(QStringLiteral("worker_light"))->status, HealthStatus::Degraded);
    ctl({QStringLiteral("scale"), QStringLiteral("light"), QStringLiteral("2")});
    QTRY_COMPARE_WITH_TIMEOUT(replicas(QStringLiteral("light")), 2, 2 * kIntervalMs + kSlackMs);
}

void tst_monitor_sandbox::faultShowsOnServiceAndRecovers_data()
{
    QTest::addColumn<QString>("serviceName");
    QTest::addColumn<QString>("fault");
    QTest::addColumn<HealthStatus>("expected");
    QTest::addColumn<int>("httpStatus");
    QTest::addRow("api answers 503") << u"api"_qs << u"503"_qs << HealthStatus::Degraded << 503;
    QTest::addRow("mlflow hangs") << u"mlflow"_qs << u"hang"_qs << HealthStatus::Down << 0;
    QTest::addRow("bentoml refuses") << u"bentoml"_qs << u"refuse"_qs << HealthStatus::Down << 0;
    QTest::addRow("frontend answers 503") << u"frontend"_qs << u"503"_qs << HealthStatus::Degraded << 503;
    QTest::addRow("falkordb refuses") << u"falkordb"_qs << u"refuse"_qs << HealthStatus::Down << 0;
}

void tst_monitor_sandbox::faultShowsOnServiceAndRecovers()
{
    QFETCH(QString, serviceName);
    QFETCH(QString, fault);
    QFETCH(HealthStatus, expected);
    QFETCH(int, httpStatus);
    const int withinOneSweep = kIntervalMs + kProbeTimeoutMs + kSlackMs;

    ctl({QStringLiteral("fault"), serviceName, fault});
    QTRY_COMPARE_WITH_TIMEOUT(service(serviceName)->status, expected, withinOneSweep);
    QCOMPARE(service(serviceName)->httpStatus, httpStatus);
    QVERIFY(!service(serviceName)->detail.isEmpty());
    const QDateTime wentBad = service(serviceName)->lastChange;
    QVERIFY(wentBad.isValid());

    ctl({QStringLiteral("fault"), serviceName, QStringLiteral("ok")});
    QTRY_COMPARE_WITH_TIMEOUT(service(serviceName)->status, HealthStatus::Up, withinOneSweep);
    QVERIFY(service(serviceName)->lastChange > wentBad);
}

void tst_monitor_sandbox::e2ictlPrintsTheSampleAsJson()
{
    const test::ProgramRun status =
        test::runCtl({QStringLiteral("status"), QStringLiteral("--json"), QStringLiteral("--config"), m_sandbox->consoleConfig()}, 30'000);
    QCOMPARE(status.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(status.out).object();
    QCOMPARE(json[u"environment"].toString(), QStringLiteral("sandbox"));
    QVERIFY(QDateTime::fromString(json[u"sampled_at"].toString(), Qt::ISODate).isValid());
    QCOMPARE(json[u"redis"][u"url"].toString(), m_sandbox->value(QStringLiteral("E2I_REDIS_URL")));
    QVERIFY(json[u"redis"][u"connected"].toBool());
    QCOMPARE(json[u"services"].toArray().size(), 12);
    QCOMPARE(json[u"tiers"].toArray().size(), 3);
    for (const auto &q : json[u"queues"].toArray())
        if (q[u"name"].toString() == u"shap")
            QCOMPARE(q[u"depth"].toInt(), 8);
    for (const auto &t : json[u"tiers"].toArray())
        if (t[u"name"].toString() == u"light")
            QCOMPARE(t[u"replicas"].toInt(), 2);
}

// With the broker stopped `e2ictl status --json` still prints everything that
// does not need Redis, marks Redis down and the tiers' counts unknown, and exits
// 1 (documented in `e2ictl status --help`) so a script can tell.
void tst_monitor_sandbox::e2ictlStatusDuringTheOutage()
{
    const test::ProgramRun status =
        test::runCtl({QStringLiteral("status"), QStringLiteral("--json"), QStringLiteral("--config"), m_sandbox->consoleConfig()}, 30'000);
    QCOMPARE(status.exitCode, 1);
    QVERIFY(status.err.contains("cannot reach redis"));
    const QJsonObject json = QJsonDocument::fromJson(status.out).object();
    QVERIFY(!json[u"redis"][u"connected"].toBool());
    QCOMPARE(json[u"services"].toArray().size(), 12);
    QCOMPARE(json[u"tiers"].toArray().size(), 3);
    for (const auto &t : json[u"tiers"].toArray()) {
        QVERIFY(t[u"replicas"].isNull());
        QVERIFY(t[u"queued"].isNull());
    }
}

void tst_monitor_sandbox::redisRestartIsSurvived()
{
    const QString series = MetricsStore::tierReplicasSeries(QStringLiteral("light"));
    ctl({QStringLiteral("redis"), QStringLiteral("stop")});
    QTRY_VERIFY_WITH_TIMEOUT(!m_monitor->latest().redis.connected, 2 * kIntervalMs + kSlackMs);
    QVERIFY(m_monitor->latest().redis.disconnectedSince.isValid());
    QVERIFY(!m_monitor->latest().redis.lastError.isEmpty());
    e2ictlStatusDuringTheOutage();

    ctl({QStringLiteral("redis"), QStringLiteral("start")});
    const qint64 restartedAt = QDateTime::currentMSecsSinceEpoch();
    QTRY_VERIFY_WITH_TIMEOUT(m_monitor->latest().redis.connected, 10'000);
    // The workers reconnect to the new server too and their heartbeats are seen again.
    QTRY_COMPARE_WITH_TIMEOUT(replicas(QStringLiteral("light")), 2, 20'000);
    const TimeSeries *points = m_monitor->metrics().series(series);
    QVERIFY(points);
    // The series goes on after the gap: new points arrive after the restart.
    QTRY_VERIFY_WITH_TIMEOUT(points->lowerBound(restartedAt) < points->size(), 3 * kIntervalMs + kSlackMs);
}

QTEST_GUILESS_MAIN(tst_monitor_sandbox)
#include "tst_monitor_sandbox.moc"
