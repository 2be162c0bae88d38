// The JSON of a sample (`e2ictl status --json`, the snapshot sidecar), as the
// README describes it: a tier's counts are null, never 0, while Redis cannot be
// read, with `last_known` (an object, or null if nothing was ever measured);
// connected samples have no `last_known`; a discovered tier has null bounds and
// `"discovered": true`; a probe without an answer has null latency; no password.
#include "redis/RedisUrl.h"
#include "monitor/SampleJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace e2i;

namespace {

const QString Password = QStringLiteral("Hunter2Secret");
const QDateTime T0 = QDateTime::fromMSecsSinceEpoch(1796605684000, Qt::UTC); // 2026-12-07T01:08:04Z

QStringList keysOf(const QJsonObject &o)
{
    QStringList keys = o.keys();
    keys.sort();
    return keys;
}

QStringList sorted(QStringList keys)
{
    keys.sort();
    return keys;
}

WorkerInfo worker(const QString &hostname, qint64 heartbeatMsBeforeSample)
{
    WorkerInfo w;
    w.hostname = hostname;
    w.active = 1;
    w.processed = 26;
    w.loadAverage = {8.31, 8.08, 5.61};
    w.lastHeartbeat = T0.addMSecs(-heartbeatMsBeforeSample);
    return w;
}

TierState policyTier()
{
    TierState tier;
    tier.name = QStringLiteral("heavy");
    tier.service = QStringLiteral("worker-heavy");
    tier.replicas = 2;
    tier.minReplicas = 1;
    tier.maxReplicas = 4;
    tier.queues = {QStringLiteral("shap"), QStringLiteral("causal")};
    tier.queued = 12;
    tier.unacked = 3;
    tier.workers = {worker(QStringLiteral("heavy@a"), 2340), worker(QStringLiteral("heavy@b"), -500)};
    return tier;
}

TierState discoveredTier()
{
    TierState tier;
    tier.name = QStringLiteral("reports");
    tier.service = QStringLiteral("reports");
    tier.queues = {QStringLiteral("reports")};
    tier.discovered = true;
    tier.replicas = 1;
    return tier;
}

// The sample as PlatformMonitor fills it: the URL is RedisUrl::redacted().
PlatformSample sample(bool redisConnected)
{
    PlatformSample s;
    s.environment = QStringLiteral("staging");
    s.sampledAt = T0;
    s.redis.url = RedisUrl::parse(QStringLiteral("redis://ops:%1@10.0.0.5:6380/2").arg(Password))->redacted();
    s.redis.connected = redisConnected;
    if (!redisConnected) {
        s.redis.disconnectedSince = T0.addSecs(-30);
        s.redis.lastError = QStringLiteral("Connection refused");
    }
    s.eventsConnected = redisConnected;
    ServiceHealth api;
    api.name = QStringLiteral("api");
    api.status = HealthStatus::Up;
    api.httpStatus = 200;
    api.latencyMs = 12.3456;
    api.target = QStringLiteral("GET http://127.0.0.1:8000/health");
    api.lastChange = T0.addSecs(-60);
    ServiceHealth mlflow;
    mlflow.name = QStringLiteral("mlflow");
    mlflow.status = HealthStatus::Down;
    mlflow.detail = QStringLiteral("timed out");
    ServiceHealth postgres;
    postgres.name = QStringLiteral("postgres");
    postgres.status = HealthStatus::Up;
    postgres.label = QStringLiteral("tcp open");
    postgres.latencyMs = 0.4;
    s.services = {api, mlflow, postgres};
    if (redisConnected) {
        QueueDepth shap;
        shap.name = QStringLiteral("shap");
        shap.tier = QStringLiteral("heavy");
        shap.depth = 12;
        shap.unacked = 3;
        shap.byPriority = {{0, 10}, {3, 2}, {6, 0}, {9, 0}};
        QueueDepth odd;
        odd.name = QStringLiteral("odd");
        odd.error = QStringLiteral("odd is not a list");
        s.queues = {shap, odd};
    }
    TierState heavy = policyTier();
    TierState reports = discoveredTier();
    if (!redisConnected) {
        heavy.countsKnown = false;
        heavy.lastKnown = {2, 12, 3, T0.addSecs(-31)};
        reports.countsKnown = false; // never measured: lastKnown.at invalid
    }
    s.tiers = {heavy, reports};
    s.attention = {{QStringLiteral("no_consumer"), QStringLiteral("odd"), T0.addSecs(-5), QStringLiteral("nobody consumes odd")}};
    return s;
}

QJsonObject tierNamed(const QJsonObject &json, const QString &name)
{
    for (const auto &t : json.value(QStringLiteral("tiers")).toArray())
        if (t.toObject().value(QStringLiteral("name")).toString() == name)
            return t.toObject();
    return {};
}

} // namespace

class tst_SampleJson : public QObject {
    Q_OBJECT
private slots:
    void topLevelShape();
    void connectedTierHasCountsAndNoLastKnown();
    void unknownCountsAreNullWithLastKnown();
    void discoveredTierHasNullBounds();
    void services();
    void queues();
    void workersHeartbeatAge();
    void attention();
    void noPasswordAnywhere_data();
    void noPasswordAnywhere();
    void isoUtc();
};

void tst_SampleJson::topLevelShape()
{
    const QJsonObject connected = sampleToJson(sample(true));
    QCOMPARE(keysOf(connected), sorted({QStringLiteral("environment"), QStringLiteral("sampled_at"), QStringLiteral("redis"),
                                        QStringLiteral("events_connected"), QStringLiteral("services"), QStringLiteral("queues"),
                                        QStringLiteral("tiers"), QStringLiteral("attention")}));
    QCOMPARE(connected.value(QStringLiteral("environment")).toString(), QStringLiteral("staging"));
    QCOMPARE(connected.value(QStringLiteral("sampled_at")).toString(), QStringLiteral("2026-12-07T01:08:04Z"));
    QCOMPARE(connected.value(QStringLiteral("events_connected")).toBool(), true);
    const QJsonObject redis = connected.value(QStringLiteral("redis")).toObject();
    QCOMPARE(keysOf(redis), sorted({QStringLiteral("url"), QStringLiteral("connected")}));
    QCOMPARE(redis.value(QStringLiteral("url")).toString(), QStringLiteral("redis://ops@10.0.0.5:6380/2"));

    const QJsonObject down = sampleToJson(sample(false)).value(QStringLiteral("redis")).toObject();
    QCOMPARE(down.value(QStringLiteral("connected")).toBool(true), false);
    QCOMPARE(down.value(QStringLiteral("disconnected_since")).toString(), QStringLiteral("2026-12-07T01:07:34Z"));
    QCOMPARE(down.value(QStringLiteral("error")).toString(), QStringLiteral("Connection refused"));
}

void tst_SampleJson::connectedTierHasCountsAndNoLastKnown()
{
    const QJsonObject heavy = tierNamed(sampleToJson(sample(true)), QStringLiteral("heavy"));
    QCOMPARE(keysOf(heavy), sorted({QStringLiteral("name"), QStringLiteral("service"), QStringLiteral("replicas"),
                                    QStringLiteral("min_replicas"), QStringLiteral("max_replicas"), QStringLiteral("discovered"),
                                    QStringLiteral("queues"), QStringLiteral("queued"), QStringLiteral("unacked"),
                                    QStringLiteral("workers")}));
    QCOMPARE(heavy.value(QStringLiteral("service")).toString(), QStringLiteral("worker-heavy"));
    QCOMPARE(heavy.value(QStringLiteral("replicas")).toInt(-1), 2);
    QCOMPARE(heavy.value(QStringLiteral("queued")).toInt(-1), 12);
    QCOMPARE(heavy.value(QStringLiteral("unacked")).toInt(-1), 3);
    QCOMPARE(heavy.value(QStringLiteral("min_replicas")).toInt(-1), 1);
    QCOMPARE(heavy.value(QStringLiteral("max_replicas")).toInt(-1), 4);
    QCOMPARE(heavy.value(QStringLiteral("discovered")).toBool(true), false);
    QCOMPARE(heavy.value(QStringLiteral("queues")).toArray(), QJsonArray({QStringLiteral("shap"), QStringLiteral("causal")}));

    // A tier at 0 of everything is measured as 0, not unknown.
    PlatformSample idle = sample(true);
    idle.tiers[0].replicas = 0;
    idle.tiers[0].queued = 0;
    const QJsonObject zero = tierNamed(sampleToJson(idle), QStringLiteral("heavy"));
    QVERIFY(zero.value(QStringLiteral("replicas")).isDouble());
    QCOMPARE(zero.value(QStringLiteral("replicas")).toInt(-1), 0);
    QCOMPARE(zero.value(QStringLiteral("queued")).toInt(-1), 0);
}

void tst_SampleJson::unknownCountsAreNullWithLastKnown()
{
    const QJsonObject json = sampleToJson(sample(false));
    const QJsonObject heavy = tierNamed(json, QStringLiteral("heavy"));
    for (const char *count : {"replicas", "queued", "unacked"})
        QVERIFY2(heavy.value(QLatin1String(count)).isNull(), count);
    QCOMPARE(heavy.value(QStringLiteral("min_replicas")).toInt(-1), 1); // bounds are policy, not measurements
    const QJsonObject lastKnown = heavy.value(QStringLiteral("last_known")).toObject();
    QCOMPARE(keysOf(lastKnown), sorted({QStringLiteral("replicas"), QStringLiteral("queued"), QStringLiteral("unacked"), QStringLiteral("at")}));
    QCOMPARE(lastKnown.value(QStringLiteral("replicas")).toInt(-1), 2);
    QCOMPARE(lastKnown.value(QStringLiteral("queued")).toInt(-1), 12);
    QCOMPARE(lastKnown.value(QStringLiteral("unacked")).toInt(-1), 3);
    QCOMPARE(lastKnown.value(QStringLiteral("at")).toString(), QStringLiteral("2026-12-07T01:07:33Z"));

    // Never measured: last_known is there, and null.
    const QJsonObject reports = tierNamed(json, QStringLiteral("reports"));
    QVERIFY(reports.contains(QStringLiteral("last_known")));
    QVERIFY(reports.value(QStringLiteral("last_known")).isNull());
    QVERIFY(reports.value(QStringLiteral("replicas")).isNull());
}

void tst_SampleJson::discoveredTierHasNullBounds()
{
    const QJsonObject reports = tierNamed(sampleToJson(sample(true)), QStringLiteral("reports"));
    QCOMPARE(reports.value(QStringLiteral("discovered")).toBool(false), true);
    QVERIFY(reports.value(QStringLiteral("min_replicas")).isNull());
    QVERIFY(reports.value(QStringLiteral("max_replicas")).isNull());
    QCOMPARE(reports.value(QStringLiteral("replicas")).toInt(-1), 1);
    QCOMPARE(reports.value(QStringLiteral("queues")).toArray(), QJsonArray({QStringLiteral("reports")}));
    QVERIFY(!reports.contains(QStringLiteral("last_known")));
}

void tst_SampleJson::services()
{
    const QJsonArray services = sampleToJson(sample(true)).value(QStringLiteral("services")).toArray();
    QCOMPARE(services.size(), 3);
    const QJsonObject api = services.at(0).toObject();
    QCOMPARE(keysOf(api), sorted({QStringLiteral("name"), QStringLiteral("status"), QStringLiteral("http_status"),
                                  QStringLiteral("latency_ms"), QStringLiteral("detail"), QStringLiteral("label"),
                                  QStringLiteral("probe"), QStringLiteral("last_change")}));
    QCOMPARE(api.value(QStringLiteral("status")).toString(), QStringLiteral("up"));
    QCOMPARE(api.value(QStringLiteral("http_status")).toInt(), 200);
    QCOMPARE(api.value(QStringLiteral("latency_ms")).toDouble(), 12.35); // two decimals
    QVERIFY(api.value(QStringLiteral("label")).isNull());
    QCOMPARE(api.value(QStringLiteral("probe")).toString(), QStringLiteral("GET http://127.0.0.1:8000/health"));
    QCOMPARE(api.value(QStringLiteral("last_change")).toString(), QStringLiteral("2026-12-07T01:07:04Z"));

    const QJsonObject mlflow = services.at(1).toObject();
    QCOMPARE(mlflow.value(QStringLiteral("status")).toString(), QStringLiteral("down"));
    QVERIFY(mlflow.value(QStringLiteral("latency_ms")).isNull()); // no answer is not 0 ms
    QVERIFY(mlflow.value(QStringLiteral("http_status")).isNull());
    QCOMPARE(mlflow.value(QStringLiteral("detail")).toString(), QStringLiteral("timed out"));
    QCOMPARE(mlflow.value(QStringLiteral("last_change")).toString(), QString());

    const QJsonObject postgres = services.at(2).toObject();
    QCOMPARE(postgres.value(QStringLiteral("label")).toString(), QStringLiteral("tcp open"));
    QCOMPARE(postgres.value(QStringLiteral("status")).toString(), QStringLiteral("up"));
}

void tst_SampleJson::queues()
{
    const QJsonObject connected = sampleToJson(sample(true));
    const QJsonArray queues = connected.value(QStringLiteral("queues")).toArray();
    QCOMPARE(queues.size(), 2);
    const QJsonObject shap = queues.at(0).toObject();
    QCOMPARE(keysOf(shap), sorted({QStringLiteral("name"), QStringLiteral("tier"), QStringLiteral("depth"),
                                   QStringLiteral("unacked"), QStringLiteral("by_priority")}));
    QCOMPARE(shap.value(QStringLiteral("depth")).toInt(), 12);
    QCOMPARE(shap.value(QStringLiteral("unacked")).toInt(), 3);
    const QJsonObject byPriority = shap.value(QStringLiteral("by_priority")).toObject();
    QCOMPARE(keysOf(byPriority), (QStringList{QStringLiteral("0"), QStringLiteral("3"), QStringLiteral("6"), QStringLiteral("9")}));
    QCOMPARE(byPriority.value(QStringLiteral("3")).toInt(), 2);
    QCOMPARE(queues.at(1).toObject().value(QStringLiteral("error")).toString(), QStringLiteral("odd is not a list"));
    // While Redis is down there are no queue figures at all, rather than zeros.
    QVERIFY(sampleToJson(sample(false)).value(QStringLiteral("queues")).toArray().isEmpty());
}

void tst_SampleJson::workersHeartbeatAge()
{
    const QJsonArray workers = tierNamed(sampleToJson(sample(true)), QStringLiteral("heavy")).value(QStringLiteral("workers")).toArray();
    QCOMPARE(workers.size(), 2);
    const QJsonObject a = workers.at(0).toObject();
    QCOMPARE(keysOf(a), sorted({QStringLiteral("hostname"), QStringLiteral("active"), QStringLiteral("processed"),
                                QStringLiteral("loadavg"), QStringLiteral("heartbeat_age_s")}));
    QCOMPARE(a.value(QStringLiteral("hostname")).toString(), QStringLiteral("heavy@a"));
    QCOMPARE(a.value(QStringLiteral("heartbeat_age_s")).toDouble(), 2.3); // one decimal
    QCOMPARE(a.value(QStringLiteral("processed")).toInt(), 26);
    QCOMPARE(a.value(QStringLiteral("loadavg")).toArray(), QJsonArray({8.31, 8.08, 5.61}));
    // Received after the sample was taken: no meaningful age.
    QVERIFY(workers.at(1).toObject().value(QStringLiteral("heartbeat_age_s")).isNull());
}

void tst_SampleJson::attention()
{
    const QJsonArray attention = sampleToJson(sample(true)).value(QStringLiteral("attention")).toArray();
    QCOMPARE(attention.size(), 1);
    const QJsonObject finding = attention.at(0).toObject();
    QCOMPARE(finding.value(QStringLiteral("kind")).toString(), QStringLiteral("no_consumer"));
    QCOMPARE(finding.value(QStringLiteral("subject")).toString(), QStringLiteral("odd"));
    QCOMPARE(finding.value(QStringLiteral("since")).toString(), QStringLiteral("2026-12-07T01:07:59Z"));
    QCOMPARE(finding.value(QStringLiteral("detail")).toString(), QStringLiteral("nobody consumes odd"));
}

void tst_SampleJson::noPasswordAnywhere_data()
{
    QTest::addColumn<bool>("connected");
    QTest::addRow("connected") << true;
    QTest::addRow("Redis down") << false;
}

void tst_SampleJson::noPasswordAnywhere()
{
    QFETCH(bool, connected);
    const QByteArray text = QJsonDocument(sampleToJson(sample(connected))).toJson();
    QVERIFY(!text.contains(Password.toUtf8()));
    QVERIFY(!text.contains("password"));
    QVERIFY(text.contains("redis://ops@10.0.0.5:6380/2"));
}

void tst_SampleJson::isoUtc()
{
    QCOMPARE(e2i::isoUtc(QDateTime()), QString());
    const QDateTime berlin(QDate(2026, 11, 23), QTime(15, 2, 11), Qt::OffsetFromUTC, 3600);
    QCOMPARE(e2i::isoUtc(berlin), QStringLiteral("2026-11-23T14:02:11Z"));
}

QTEST_GUILESS_MAIN(tst_SampleJson)
#include "tst_SampleJson.moc"
