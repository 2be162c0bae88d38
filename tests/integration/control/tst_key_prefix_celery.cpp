// kombu's `global_keyprefix` transport option, against a real Celery 5.2
// worker started with it: every key and channel kombu uses (queues, bindings,
// `unacked`, the pidbox and event channels, the reply lists) is behind the
// prefix, and the console's remote control, worker heartbeats, event
// subscription and purge must be too (monitor.key_prefix), or they see
// nothing. A client without the prefix is shown to miss the worker, so the
// test proves the prefix is what makes the difference.
#include "RedisServerProcess.h"
#include "control/ControlClient.h"
#include "control/QueuePurge.h"
#include "monitor/CeleryKeyspace.h"
#include "monitor/EventSubscriber.h"
#include "monitor/KombuBindings.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace e2i;

namespace {
const QString kPrefix = QStringLiteral("e2i:");
const QString kHost = QStringLiteral("prefixed@key-prefix-test");
const QString kQueue = QStringLiteral("prefixed_work");
const QString kIdleQueue = QStringLiteral("prefixed_idle");       // consumed only while a test adds it
const QString kWaitingQueue = QStringLiteral("prefixed_waiting"); // never consumed: its tasks stay
constexpr int kWaitMs = 60'000;

// A Celery app of the test's own: the sandbox's has no key prefix.
const char *kApp = R"(import os
from celery import Celery
app = Celery("prefixed", broker=os.environ["PREFIXED_BROKER"])
app.conf.update(broker_transport_options={"global_keyprefix": "e2i:"}, worker_send_task_events=True,
                task_send_sent_event=True, worker_hijack_root_logger=False)

@app.task(name="e2i.prefixed.add")
def add(a, b):
    return a + b
)";
} // namespace

class tst_key_prefix_celery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void controlNeedsThePrefix();
    void heartbeatsAreHeardBehindThePrefix();
    void eventSubscriberHearsThePrefixedWorker();
    void queueKeysBindingsAndPurgeUseThePrefix();

private:
    RedisEndpoint endpoint() const;
    void sendTasks(const QString &queue, int count);

    test::RedisServerProcess m_redis;
    QTemporaryDir m_dir;
    QProcess m_worker;
};

RedisEndpoint tst_key_prefix_celery::endpoint() const
{
    RedisEndpoint e;
    e.url.port = m_redis.port();
    e.timeoutMs = 2000;
    return e;
}

void tst_key_prefix_celery::initTestCase()
{
    QString error;
    QVERIFY2(m_redis.start(&error), qPrintable(error));
    QFile app(m_dir.filePath(QStringLiteral("prefixed_app.py")));
    QVERIFY(app.open(QIODevice::WriteOnly));
    app.write(kApp);
    app.close();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PREFIXED_BROKER"), QStringLiteral("redis://127.0.0.1:%1/0").arg(m_redis.port()));
    env.remove(QStringLiteral("PYTHONHOME"));
    m_worker.setProcessEnvironment(env);
    m_worker.setWorkingDirectory(m_dir.path());
    m_worker.setProcessChannelMode(QProcess::MergedChannels);
    m_worker.setStandardOutputFile(m_dir.filePath(QStringLiteral("worker.log")));
    m_worker.start(QStringLiteral("/usr/bin/python3"),
                   {QStringLiteral("-m"), QStringLiteral("celery"), QStringLiteral("-A"), QStringLiteral("prefixed_app"),
                    QStringLiteral("worker"), QStringLiteral("-E"), QStringLiteral("--pool=threads"), QStringLiteral("-Q"), kQueue,
                    QStringLiteral("--hostname=") + kHost, QStringLiteral("--loglevel=INFO")});
    QVERIFY2(m_worker.waitForStarted(), qPrintable(m_worker.errorString()));
    ControlClient client(endpoint(), kPrefix);
    client.setReplyTimeoutMs(500);
    QDeadlineTimer deadline(kWaitMs);
    while (!client.call(QStringLiteral("ping"), {}, {kHost}).byWorker.contains(kHost)) {
        QVERIFY2(!deadline.hasExpired(), "the prefixed worker never answered ping");
        QVERIFY2(m_worker.state() == QProcess::Running, "the worker exited; see worker.log");
    }
}

void tst_key_prefix_celery::cleanupTestCase()
{
    m_worker.terminate();
    if (!m_worker.waitForFinished(10'000))
        m_worker.kill();
}

void tst_key_prefix_celery::controlNeedsThePrefix()
{
    ControlClient unprefixed(endpoint());
    unprefixed.setReplyTimeoutMs(1000);
    const ControlReplies missed = unprefixed.call(QStringLiteral("ping"), {}, {kHost});
    QCOMPARE(missed.silent, QStringList{kHost});

    ControlClient prefixed(endpoint(), kPrefix);
    const ControlReplies added = prefixed.call(QStringLiteral("add_consumer"), {{QStringLiteral("queue"), kIdleQueue}}, {kHost});
    QVERIFY2(ControlReplies::refusal(added.byWorker.value(kHost)).isEmpty() && added.byWorker.contains(kHost), qPrintable(added.error));
    // Celery answers add_consumer and cancel_consumer before it acts on them
    // (the change is queued with call_soon), so the queues are read until they show it.
    const auto activeQueues = [&prefixed] {
        QStringList names;
        for (const auto &queue : prefixed.call(QStringLiteral("active_queues"), {}, {kHost}).byWorker.value(kHost).toArray())
            names << queue.toObject().value(QLatin1String("name")).toString();
        names.sort();
        return names;
    };
    QTRY_COMPARE_WITH_TIMEOUT(activeQueues(), (QStringList{kIdleQueue, kQueue}), kWaitMs);
    QVERIFY(!prefixed.call(QStringLiteral("cancel_consumer"), {{QStringLiteral("queue"), kIdleQueue}}, {kHost}).byWorker.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(activeQueues(), QStringList{kQueue}, kWaitMs);
    // Nothing of the reply plumbing was left outside the prefix.
    const QByteArray keys = m_redis.cli({QStringLiteral("--raw"), QStringLiteral("KEYS"), QStringLiteral("*pidbox*")});
    for (const QByteArray &key : keys.split('\n'))
        QVERIFY2(key.isEmpty() || key.startsWith(kPrefix.toUtf8()), key.constData());
}

void tst_key_prefix_celery::heartbeatsAreHeardBehindThePrefix()
{
    // Without a destination the expected workers are those heard heartbeating.
    ControlClient prefixed(endpoint(), kPrefix);
    const ControlReplies replies = prefixed.call(QStringLiteral("ping"), {}, {});
    QCOMPARE(replies.expected, QStringList{kHost});
    QCOMPARE(replies.byWorker.keys(), QStringList{kHost});
    ControlClient unprefixed(endpoint());
    QVERIFY(unprefixed.call(QStringLiteral("ping"), {}, {}).expected.isEmpty());
}

void tst_key_prefix_celery::eventSubscriberHearsThePrefixedWorker()
{
    EventSubscriber events(endpoint(), {}, 500);
    events.setKeyPrefix(kPrefix);
    QStringList heard;
    connect(&events, &EventSubscriber::workersUpdated, this, [&heard](const WorkerSnapshot &snapshot) {
        for (const WorkerInfo &worker : snapshot.workers)
            if (!heard.contains(worker.hostname))
                heard << worker.hostname;
    });
    events.start();
    QTRY_VERIFY_WITH_TIMEOUT(heard.contains(kHost), 10'000);
    events.stop();
}

void tst_key_prefix_celery::queueKeysBindingsAndPurgeUseThePrefix()
{
    sendTasks(kWaitingQueue, 3);
    const CeleryKeyspace keyspace(kPrefix, QString(QChar(0x06)) + QChar(0x16), {0, 3, 6, 9}); // kombu's defaults
    QCOMPARE(m_redis.cli({QStringLiteral("LLEN"), QString::fromUtf8(keyspace.queueKey(kWaitingQueue, 0))}).trimmed().replace("(integer) ", ""), QByteArray("3"));
    QCOMPARE(m_redis.cli({QStringLiteral("LLEN"), kWaitingQueue}).trimmed().replace("(integer) ", ""), QByteArray("0"));
    // The bindings the queue monitor scans for declared queues.
    const QByteArray bindings = m_redis.cli({QStringLiteral("--raw"), QStringLiteral("KEYS"),
                                             QString::fromUtf8(KombuBindings::keyPattern(kPrefix))});
    QVERIFY2(bindings.contains(QByteArray(kPrefix.toUtf8() + "_kombu.binding." + kWaitingQueue.toUtf8())), bindings.constData());
    QVERIFY2(keyspace.unackedKey() == QByteArray(kPrefix.toUtf8() + "unacked"), keyspace.unackedKey().constData());

    QString error;
    const auto purged = QueuePurge::purge(endpoint(), keyspace, kWaitingQueue, &error);
    QVERIFY2(purged, qPrintable(error));
    qint64 total = 0;
    for (const auto &[key, length] : *purged)
        total += length;
    QCOMPARE(total, 3);
    QCOMPARE(m_redis.cli({QStringLiteral("LLEN"), QString::fromUtf8(keyspace.queueKey(kWaitingQueue, 0))}).trimmed().replace("(integer) ", ""), QByteArray("0"));
}

void tst_key_prefix_celery::sendTasks(const QString &queue, int count)
{
    QProcess producer;
    producer.setProcessEnvironment(m_worker.processEnvironment());
    producer.setWorkingDirectory(m_dir.path());
    producer.start(QStringLiteral("/usr/bin/python3"),
                   {QStringLiteral("-c"),
                    QStringLiteral("import sys\nfrom prefixed_app import app\n"
                                   "for i in range(int(sys.argv[2])):\n"
                                   "    app.send_task('e2i.prefixed.add', args=(i, i), queue=sys.argv[1])\n"),
                    queue, QString::number(count)});
    QVERIFY(producer.waitForFinished(30'000));
    QVERIFY2(producer.exitCode() == 0, producer.readAllStandardError().constData());
}

QTEST_GUILESS_MAIN(tst_key_prefix_celery)
#include "tst_key_prefix_celery.moc"
