// The live view against a real redis-server that hangs: the test SIGSTOPs it (TCP
// still connects, nothing answers) and later SIGCONTs it. One outage must read as
// one outage: steady state, one start time, two log lines; tiers become unknown
// with their last known values, in the monitor and in `e2ictl status`.
#include "LogCapture.h"
#include "RedisServerProcess.h"
#include "monitor/PlatformMonitor.h"
#include "monitor/SampleJson.h"
#include "session/PlatformResolver.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>

using namespace e2i;

namespace {

constexpr int kIntervalMs = 250;
constexpr int kRedisTimeoutMs = 300;
constexpr int kWatchOutageMs = 4000;   // long enough for many samples and reconnect attempts
constexpr int kSettleMs = 15'000;      // loaded 2-core machine; reconnect backoff up to 5 s
constexpr qint64 kQueued = 12;
const QString kWorker = QStringLiteral("light@hungtest");

void writeFile(const QString &path, const QString &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.toUtf8());
}

// A kombu envelope carrying one worker-heartbeat, as Celery publishes it.
QByteArray heartbeatEnvelope()
{
    const QJsonObject event{{QStringLiteral("hostname"), kWorker}, {QStringLiteral("freq"), 1.0},
                            {QStringLiteral("active"), 0}, {QStringLiteral("processed"), 3},
                            {QStringLiteral("timestamp"), double(QDateTime::currentMSecsSinceEpoch()) / 1000.0},
                            {QStringLiteral("type"), QStringLiteral("worker-heartbeat")}};
    const QJsonObject envelope{
        {QStringLiteral("body"), QString::fromLatin1(QJsonDocument(event).toJson(QJsonDocument::Compact).toBase64())},
        {QStringLiteral("content-encoding"), QStringLiteral("utf-8")},
        {QStringLiteral("content-type"), QStringLiteral("application/json")},
        {QStringLiteral("headers"), QJsonObject{}},
        {QStringLiteral("properties"), QJsonObject{{QStringLiteral("body_encoding"), QStringLiteral("base64")}}}};
    return QJsonDocument(envelope).toJson(QJsonDocument::Compact);
}

// The only tier of a `status --json` document (an empty object while none).
QJsonObject firstTier(const QJsonObject &document)
{
    return document[u"tiers"].toArray().at(0).toObject();
}

const TierState *lightTier(const PlatformSample &sample)
{
    return sample.tier(QStringLiteral("light"));
}

const ServiceHealth *workerService(const PlatformSample &sample)
{
    for (const auto &s : sample.services)
        if (s.name == u"worker_light")
            return &s;
    return nullptr;
}

} // namespace

class tst_monitor_hung_redis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void hungRedisIsOneSteadyOutage();
    void e2ictlReportsUnknownTiersWithLastKnown_data();
    void e2ictlReportsUnknownTiersWithLastKnown();

private:
    void signalRedis(int signal);
    void publishHeartbeat();
    QString consoleConfig() const { return m_dir.filePath(QStringLiteral("console.yml")); }

    test::RedisServerProcess m_server;
    QTemporaryDir m_dir;
    MonitorOptions m_options;
    std::shared_ptr<test::LogCapture> m_log;
    QTimer m_heartbeats;
    bool m_stopped = false;
};

void tst_monitor_hung_redis::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    for (qint64 i = 0; i < kQueued; ++i)
        m_server.cli({QStringLiteral("LPUSH"), QStringLiteral("light"), QStringLiteral("task%1").arg(i)});
    QCOMPARE(m_server.cli({QStringLiteral("LLEN"), QStringLiteral("light")}).trimmed(), QByteArray::number(kQueued));

    writeFile(m_dir.filePath(QStringLiteral("compose.yml")),
              QStringLiteral("services:\n"
                             "  redis:\n"
                             "    image: redis:7\n"
                             "    ports: [\"%1:6379\"]\n"
                             "    healthcheck:\n"
                             "      test: [\"CMD\", \"redis-cli\", \"ping\"]\n"
                             "  worker_light:\n"
                             "    image: e2i\n"
                             "    command: celery -A e2i worker -Q light -n light@%h\n")
                  .arg(m_server.port()));
    writeFile(m_dir.filePath(QStringLiteral("autoscale.yml")),
              QStringLiteral("redis_url: redis://redis:6379/0\n"
                             "poll_interval_seconds: 15\n"
                             "dry_run: false\n"
                             "tiers:\n"
                             "  light:\n"
                             "    service: worker_light\n"
                             "    queues: [light]\n"
                             "    min_replicas: 0\n"
                             "    max_replicas: 2\n"
                             "    scale_up_threshold: 10\n"
                             "    scale_down_threshold: 2\n"
                             "    scale_up_step: 1\n"
                             "    scale_down_step: 1\n"
                             "    scale_up_cooldown_seconds: 60\n"
                             "    scale_down_cooldown_seconds: 300\n"));
    writeFile(consoleConfig(),
              QStringLiteral("default_environment: hung\n"
                             "environments:\n"
                             "  hung:\n"
                             "    compose_file: compose.yml\n"
                             "    autoscale_file: autoscale.yml\n"
                             "    docker_host: 127.0.0.1\n"
                             "    redis_url: redis://127.0.0.1:%1/0\n"
                             "monitor:\n"
                             "  sample_interval_ms: %2\n"
                             "  probe_timeout_ms: 500\n"
                             "  redis_timeout_ms: %3\n"
                             "  slow_threshold_ms: 400\n")
                  .arg(m_server.port())
                  .arg(kIntervalMs)
                  .arg(kRedisTimeoutMs));

    PlatformArguments args;
    args.configFile = consoleConfig();
    const ResolvedPlatform resolved = PlatformResolver::resolve(args);
    QVERIFY2(resolved.options.has_value(), qPrintable(resolved.error));
    m_options = *resolved.options;
    QCOMPARE(m_options.redis.timeoutMs, kRedisTimeoutMs);

    m_log = test::LogCapture::install();
    m_heartbeats.setInterval(400);
    connect(&m_heartbeats, &QTimer::timeout, this, &tst_monitor_hung_redis::publishHeartbeat);
}

void tst_monitor_hung_redis::cleanup()
{
    m_heartbeats.stop();
    if (m_stopped)
        signalRedis(SIGCONT);
}

void tst_monitor_hung_redis::signalRedis(int signal)
{
    QFile pidFile(m_server.directory() + QStringLiteral("/redis.pid"));
    QVERIFY(pidFile.open(QIODevice::ReadOnly));
    const pid_t pid = pid_t(pidFile.readAll().trimmed().toLongLong());
    QVERIFY(pid > 0);
    QCOMPARE(::kill(pid, signal), 0);
    m_stopped = signal == SIGSTOP;
}

void tst_monitor_hung_redis::publishHeartbeat()
{
    m_server.cli({QStringLiteral("PUBLISH"), QStringLiteral("/0.celeryev/worker.heartbeat"), QString::fromLatin1(heartbeatEnvelope())});
}

void tst_monitor_hung_redis::hungRedisIsOneSteadyOutage()
{
    PlatformMonitor monitor(m_options);
    QList<PlatformSample> samples;
    connect(&monitor, &PlatformMonitor::sampleAvailable, this, [&samples](const PlatformSample &s) { samples.append(s); });
    m_heartbeats.start();
    monitor.start();
    const auto measured = [&monitor] {
        const PlatformSample &s = monitor.latest();
        const TierState *tier = lightTier(s);
        return monitor.isComplete() && s.redis.connected && s.eventsConnected && tier && tier->countsKnown
            && tier->replicas == 1 && tier->queued == kQueued;
    };
    QTRY_VERIFY_WITH_TIMEOUT(measured(), kSettleMs);
    m_heartbeats.stop();

    const int logBefore = int(m_log->lines().size());
    samples.clear();
    signalRedis(SIGSTOP);
    QTRY_VERIFY_WITH_TIMEOUT(!monitor.latest().redis.connected && !monitor.latest().eventsConnected, kSettleMs);
    QTest::qWait(kWatchOutageMs);

    // From the first sample that saw the outage on, nothing flips back.
    qsizetype first = 0;
    while (first < samples.size() && samples[first].redis.connected)
        ++first;
    QVERIFY(first < samples.size());
    const QDateTime since = samples[first].redis.disconnectedSince;
    QVERIFY(since.isValid());
    qsizetype firstWithoutEvents = first;
    while (firstWithoutEvents < samples.size() && samples[firstWithoutEvents].eventsConnected)
        ++firstWithoutEvents;
    QVERIFY2(samples.size() - firstWithoutEvents >= 5, "too few samples during the outage");
    for (qsizetype i = first; i < samples.size(); ++i) {
        const PlatformSample &s = samples[i];
        QVERIFY2(!s.redis.connected, qPrintable(QStringLiteral("sample %1 connected during the outage").arg(i)));
        QCOMPARE(s.redis.disconnectedSince, since);
        QVERIFY2(s.redis.disconnectedSince <= s.sampledAt, qPrintable(isoUtc(s.redis.disconnectedSince) + u" > " + isoUtc(s.sampledAt)));
        const TierState *tier = lightTier(s);
        QVERIFY(!tier->countsKnown);
        QCOMPARE(tier->lastKnown.queued, kQueued);
        QCOMPARE(tier->lastKnown.replicas, 1);
        if (i >= firstWithoutEvents) {
            QVERIFY2(!s.eventsConnected, qPrintable(QStringLiteral("events reconnected in sample %1").arg(i)));
            QCOMPARE(workerService(s)->status, HealthStatus::Unknown);
        }
    }
    const QStringList during = m_log->lines().mid(logBefore);
    QCOMPARE(during.filter(QStringLiteral("unavailable:")).size(), 2); // queue monitor, event subscriber
    QCOMPARE(during.filter(QStringLiteral("back after")).size(), 0);

    signalRedis(SIGCONT);
    QTRY_VERIFY_WITH_TIMEOUT(monitor.latest().redis.connected && monitor.latest().eventsConnected, kSettleMs);
    const QStringList whole = m_log->lines().mid(logBefore);
    QCOMPARE(whole.filter(QStringLiteral("queue monitor: redis")).filter(QStringLiteral("unavailable:")).size(), 1);
    QCOMPARE(whole.filter(QStringLiteral("queue monitor: redis")).filter(QStringLiteral("back after")).size(), 1);
    QCOMPARE(whole.filter(QStringLiteral("event subscriber: redis")).filter(QStringLiteral("unavailable:")).size(), 1);
    QCOMPARE(whole.filter(QStringLiteral("event subscriber: redis")).filter(QStringLiteral("back after")).size(), 1);
    QVERIFY(lightTier(monitor.latest())->countsKnown);
}

void tst_monitor_hung_redis::e2ictlReportsUnknownTiersWithLastKnown_data()
{
    QTest::addColumn<bool>("json");
    QTest::addRow("json") << true;
    QTest::addRow("text") << false;
}

void tst_monitor_hung_redis::e2ictlReportsUnknownTiersWithLastKnown()
{
    QFETCH(bool, json);
    QProcess ctl;
    QStringList arguments{QStringLiteral("status"), QStringLiteral("--watch"), QStringLiteral("--config"), consoleConfig()};
    if (json)
        arguments << QStringLiteral("--json");
    m_heartbeats.start();
    ctl.start(QStringLiteral(E2I_BINARY_DIR "/app/e2ictl"), arguments);
    QVERIFY(ctl.waitForStarted());
    QByteArray output;
    const auto read = [&] {
        output += ctl.readAllStandardOutput();
        return output;
    };
    // Each JSON document printed by --watch --json, in order.
    const auto documents = [&] {
        QList<QJsonObject> docs;
        read();
        qsizetype start = 0;
        for (qsizetype end = output.indexOf("\n}\n"); end >= 0; end = output.indexOf("\n}\n", start)) {
            docs.append(QJsonDocument::fromJson(output.mid(start, end + 3 - start)).object());
            start = end + 3;
        }
        return docs;
    };
    const QRegularExpression knownLine(QStringLiteral(R"(^light\s+1\s+0-2\s+%1\s)").arg(kQueued), QRegularExpression::MultilineOption);
    const auto sawKnown = [&] {
        if (!json)
            return knownLine.match(QString::fromUtf8(read())).hasMatch();
        const auto docs = documents();
        const QJsonObject tier = firstTier(docs.value(docs.size() - 1));
        return tier[u"queued"].toInteger(-1) == kQueued && tier[u"replicas"].toInteger(-1) == 1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(sawKnown(), kSettleMs);
    m_heartbeats.stop();
    output.clear();
    signalRedis(SIGSTOP);

    if (json) {
        const auto unknown = [&] {
            const auto docs = documents();
            const QJsonObject last = docs.value(docs.size() - 1);
            return firstTier(last)[u"queued"].isNull() && last.contains(u"redis") && !last[u"redis"][u"connected"].toBool();
        };
        QTRY_VERIFY_WITH_TIMEOUT(unknown(), kSettleMs);
        const QList<QJsonObject> docs = documents();
        const QJsonObject tier = firstTier(docs.last());
        QVERIFY(tier[u"replicas"].isNull());
        QVERIFY(tier[u"unacked"].isNull());
        QCOMPARE(tier[u"last_known"][u"queued"].toInteger(), kQueued);
        QCOMPARE(tier[u"last_known"][u"replicas"].toInteger(), 1);
        QCOMPARE(tier[u"last_known"][u"unacked"].toInteger(), 0);
        const QDateTime at = QDateTime::fromString(tier[u"last_known"][u"at"].toString(), Qt::ISODate);
        QVERIFY(at.isValid());
        QVERIFY(at <= QDateTime::currentDateTimeUtc());
    } else {
        const QRegularExpression unknownLine(QStringLiteral(R"(^light\s+unknown \(last 1 at \d\d:\d\d:\d\dZ\)\s+0-2\s+unknown \(last %1 at \d\d:\d\d:\d\dZ\))")
                                                 .arg(kQueued),
                                             QRegularExpression::MultilineOption);
        QTRY_VERIFY_WITH_TIMEOUT(unknownLine.match(QString::fromUtf8(read())).hasMatch(), kSettleMs);
    }
    ctl.kill();
    ctl.waitForFinished();
    signalRedis(SIGCONT);
    for (QDeadlineTimer deadline(kSettleMs); !deadline.hasExpired() && m_server.cli({QStringLiteral("PING")}).trimmed() != "PONG";)
        QTest::qWait(50);
}

QTEST_GUILESS_MAIN(tst_monitor_hung_redis)
#include "tst_monitor_hung_redis.moc"
