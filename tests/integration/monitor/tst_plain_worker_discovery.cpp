// A platform as many real ones are: the worker is a plain `celery -A app worker`
// (no -Q, no -n), its queues are named only in the application's own
// configuration, and there is no autoscale.yml. `e2ictl status --json` must
// still find the worker's tier, the queues it consumes and their depth, from a
// real Celery worker and a real redis-server started here; and the task
// counters of a queue found that way count to its tier.
#include "ProgramRun.h"
#include "RedisServerProcess.h"
#include "monitor/PlatformMonitor.h"
#include "session/PlatformResolver.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace e2i;

namespace {

constexpr int kWorkerReadyMs = 60'000;
constexpr int kDiscoveryMs = 45'000;
constexpr int kBlockedTasks = 5; // one running, one prefetched, three queued
constexpr int kCountedTasks = 3;  // sent once the monitor knows the queue's tier
constexpr int kTasksDoneMs = 30'000;

// The application: its queues are the app's business, the compose file does not
// name them. `hold` blocks until the test drops a flag file, so the queue keeps
// a known depth while the console looks.
const char kApp[] = R"(import os, time
from celery import Celery
from kombu import Queue

app = Celery("plainapp", broker=os.environ["PLAINAPP_BROKER"])
app.conf.update(
    task_queues=[Queue("celery"), Queue("reports")],
    worker_prefetch_multiplier=1,
    worker_send_task_events=True,
    task_send_sent_event=True,
)

@app.task(name="plainapp.hold")
def hold(flag):
    deadline = time.time() + 120
    while not os.path.exists(flag) and time.time() < deadline:
        time.sleep(0.05)
)";

void writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

QJsonObject findByName(const QJsonArray &items, const QString &name)
{
    for (const auto &item : items)
        if (item[u"name"].toString() == name)
            return item.toObject();
    return {};
}

} // namespace

class tst_plain_worker_discovery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void theTierAndItsQueuesAreFoundFromTheLiveWorker();
    void taskCountersFollowTheDiscoveredQueues();

private:
    QProcessEnvironment pythonEnvironment() const;
    void sendHoldTasks(int count);
    TaskStats holdStats(const PlatformMonitor &monitor) const;
    QJsonObject status(int *exitCode);
    QString flagFile() const { return m_dir.filePath(QStringLiteral("release")); }

    test::RedisServerProcess m_server;
    QTemporaryDir m_dir;
    QProcess m_worker;
};

QProcessEnvironment tst_plain_worker_discovery::pythonEnvironment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PLAINAPP_BROKER"), QStringLiteral("redis://127.0.0.1:%1/0").arg(m_server.port()));
    env.insert(QStringLiteral("PYTHONPATH"), m_dir.path());
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    return env;
}

void tst_plain_worker_discovery::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    writeFile(m_dir.filePath(QStringLiteral("plainapp.py")), kApp);
    writeFile(m_dir.filePath(QStringLiteral("compose.yml")),
              QStringLiteral("services:\n"
                             "  redis:\n"
                             "    image: redis:7\n"
                             "    ports: [\"%1:6379\"]\n"
                             "  worker:\n"
                             "    image: plainapp\n"
                             "    command: celery -A plainapp worker --loglevel=info\n")
                  .arg(m_server.port())
                  .toUtf8());

    // Exactly as the compose file starts it: no -Q, no -n.
    m_worker.setProcessEnvironment(pythonEnvironment());
    m_worker.setWorkingDirectory(m_dir.path());
    m_worker.setProcessChannelMode(QProcess::MergedChannels);
    m_worker.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-m"), QStringLiteral("celery"), QStringLiteral("-A"),
                                               QStringLiteral("plainapp"), QStringLiteral("worker"),
                                               QStringLiteral("--loglevel=info"), QStringLiteral("--concurrency=1")});
    QVERIFY(m_worker.waitForStarted());
    QByteArray log;
    for (QDeadlineTimer deadline(kWorkerReadyMs); !log.contains("ready.") && !deadline.hasExpired();) {
        m_worker.waitForReadyRead(200);
        log += m_worker.readAll();
        QVERIFY2(m_worker.state() == QProcess::Running, log.constData());
    }
    QVERIFY2(log.contains("ready."), log.constData());

    sendHoldTasks(kBlockedTasks);
}

void tst_plain_worker_discovery::sendHoldTasks(int count)
{
    QProcess producer;
    producer.setProcessEnvironment(pythonEnvironment());
    producer.start(QStringLiteral("/usr/bin/python3"),
                   {QStringLiteral("-c"),
                    QStringLiteral("import plainapp\n"
                                   "for _ in range(%1): plainapp.hold.apply_async(args=['%2'], queue='reports')\n")
                        .arg(count)
                        .arg(flagFile())});
    QVERIFY(producer.waitForFinished(30'000));
    QVERIFY2(producer.exitCode() == 0, producer.readAllStandardError().constData());
}

void tst_plain_worker_discovery::cleanupTestCase()
{
    writeFile(flagFile(), "go");
    m_worker.terminate();
    if (!m_worker.waitForFinished(15'000))
        m_worker.kill();
}

QJsonObject tst_plain_worker_discovery::status(int *exitCode)
{
    const test::ProgramRun status = test::runCtl(
        {QStringLiteral("status"), QStringLiteral("--json"), QStringLiteral("--compose"), m_dir.filePath(QStringLiteral("compose.yml")),
         QStringLiteral("--redis"), QStringLiteral("redis://127.0.0.1:%1/0").arg(m_server.port()), QStringLiteral("--docker-host"),
         QStringLiteral("127.0.0.1")},
        30'000);
    *exitCode = status.exitCode;
    return QJsonDocument::fromJson(status.out).object();
}

void tst_plain_worker_discovery::theTierAndItsQueuesAreFoundFromTheLiveWorker()
{
    // The worker holds one task and has prefetched one; the rest wait in Redis.
    const qint64 expectedDepth = kBlockedTasks - 2;
    QJsonObject json;
    QJsonObject tier;
    QJsonObject reports;
    int exitCode = -1;
    for (QDeadlineTimer deadline(kDiscoveryMs); !deadline.hasExpired();) {
        json = status(&exitCode);
        tier = findByName(json[u"tiers"].toArray(), QStringLiteral("worker"));
        reports = findByName(json[u"queues"].toArray(), QStringLiteral("reports"));
        if (tier[u"replicas"].toInt() == 1 && reports[u"depth"].toInt() == expectedDepth)
            break;
    }
    QCOMPARE(exitCode, 0);
    QVERIFY2(!tier.isEmpty(), QJsonDocument(json).toJson().constData());
    QVERIFY(tier[u"discovered"].toBool());
    QCOMPARE(tier[u"service"].toString(), QStringLiteral("worker"));
    QCOMPARE(tier[u"replicas"].toInt(), 1);
    QVERIFY(tier[u"min_replicas"].isNull());
    const QStringList queues = tier[u"queues"].toVariant().toStringList();
    QVERIFY2(queues.contains(u"reports") && queues.contains(u"celery"), qPrintable(queues.join(u',')));
    QCOMPARE(reports[u"tier"].toString(), QStringLiteral("worker"));
    QCOMPARE(reports[u"depth"].toInt(), expectedDepth);
    QCOMPARE(tier[u"queued"].toInt(), expectedDepth);
    // The worker's own service reads up from its live worker, not "unknown".
    QCOMPARE(findByName(json[u"services"].toArray(), QStringLiteral("worker"))[u"status"].toString(), QStringLiteral("up"));
}

TaskStats tst_plain_worker_discovery::holdStats(const PlatformMonitor &monitor) const
{
    for (const TaskStats &stats : monitor.latestFlow().windows.value(5))
        if (stats.name == u"plainapp.hold" && stats.queue == u"reports")
            return stats;
    return {};
}

// The compose file names no queue, so the map from queues to tiers read at start
// is empty: the task counters must follow discovery, or the tasks of `reports`
// would count to no tier.
void tst_plain_worker_discovery::taskCountersFollowTheDiscoveredQueues()
{
    // As `e2ictl status` above reads the platform: the same flags, resolved the same way.
    PlatformArguments arguments;
    arguments.composeFile = m_dir.filePath(QStringLiteral("compose.yml"));
    arguments.redisUrl = QStringLiteral("redis://127.0.0.1:%1/0").arg(m_server.port());
    arguments.dockerHost = QStringLiteral("127.0.0.1");
    const ResolvedPlatform resolved = PlatformResolver::resolve(arguments);
    QVERIFY2(resolved.options.has_value(), qPrintable(resolved.error));
    PlatformMonitor monitor(*resolved.options);
    monitor.start();
    QTRY_VERIFY_WITH_TIMEOUT(monitor.latest().tier(QStringLiteral("worker"))
                                 && monitor.latest().tier(QStringLiteral("worker"))->queues.contains(u"reports"),
                             kDiscoveryMs);

    sendHoldTasks(kCountedTasks);
    writeFile(flagFile(), "go"); // every held task, old and new, now finishes
    QTRY_VERIFY_WITH_TIMEOUT(holdStats(monitor).counts.succeeded >= kCountedTasks, kTasksDoneMs);
    const TaskStats stats = holdStats(monitor);
    QCOMPARE(stats.tier, QStringLiteral("worker"));
    QVERIFY(stats.counts.sent >= kCountedTasks);
}

QTEST_GUILESS_MAIN(tst_plain_worker_discovery)
#include "tst_plain_worker_discovery.moc"
