// Decoding Celery's event messages (CeleryEvent::decodeEnvelope) from the
// payloads a real Celery 5.2.6 worker and producer published (the fixture
// celery-5.2-events.txt says how they were captured; CELERY_WIRE.md, "Events",
// describes them), and from malformed and hostile payloads, which must be
// refused with a reason and never crash.
#include "monitor/CeleryEvent.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace e2i;

namespace {

// NAME -> the pub/sub payload, as the subscriber receives it.
QHash<QString, QByteArray> capturedPayloads()
{
    QFile file(QStringLiteral(E2I_SOURCE_DIR "/tests/backend/monitor/celery-5.2-events.txt"));
    QHash<QString, QByteArray> payloads;
    if (!file.open(QIODevice::ReadOnly))
        return payloads;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().chopped(1);
        if (line.startsWith('#') || line.isEmpty())
            continue;
        const QList<QByteArray> fields = line.split('\t');
        if (fields.size() == 3)
            payloads.insert(QString::fromUtf8(fields.at(0)), fields.at(2));
    }
    return payloads;
}

// A kombu envelope as Celery writes it, around a body of our choosing (base64
// output is ASCII, so a body that is not UTF-8 reaches the decoder unchanged).
QByteArray envelope(const QByteArray &body, const char *encoding = "base64")
{
    const bool base64 = QByteArray(encoding) == "base64";
    const QJsonObject properties{{QStringLiteral("body_encoding"), QString::fromLatin1(encoding)}};
    return QJsonDocument(QJsonObject{{QStringLiteral("body"), QString::fromUtf8(base64 ? body.toBase64() : body)},
                                     {QStringLiteral("content-type"), QStringLiteral("application/json")},
                                     {QStringLiteral("properties"), properties}})
        .toJson(QJsonDocument::Compact);
}

// The captured heartbeat's body, with one field replaced.
QByteArray heartbeatWith(const QByteArray &field, const QByteArray &jsonValue)
{
    QByteArray body = R"({"hostname": "light@capvm", "utcoffset": 0, "pid": 2636, "clock": 19, "freq": 2.0,)"
                      R"( "active": 0, "processed": 4, "loadavg": [8.31, 8.08, 5.61], "sw_ident": "py-celery",)"
                      R"( "sw_ver": "5.2.6", "sw_sys": "Linux", "timestamp": 1796605684.1831527, "type": "worker-heartbeat"})";
    const int start = body.indexOf(QByteArray("\"" + field + "\": "));
    const int valueStart = start + field.size() + 4;
    int valueEnd = body.indexOf(", \"", valueStart);
    if (valueEnd < 0)
        valueEnd = body.size() - 1;
    return body.replace(valueStart, valueEnd - valueStart, jsonValue);
}

CeleryEvent decodeOne(const QByteArray &payload)
{
    QString error;
    const QList<CeleryEvent> events = CeleryEvent::decodeEnvelope(payload, &error);
    if (events.size() != 1)
        qWarning("expected one event, got %lld (%s)", qlonglong(events.size()), qPrintable(error));
    return events.value(0);
}

} // namespace

class tst_CeleryEvent : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void workerEvents_data();
    void workerEvents();
    void taskSent();
    void succeededBatch();
    void failedBatch();
    void retriedBatch();
    void revokedAndRejected();
    void queueFallsBackToRoutingKey();
    void plainJsonBodyWithoutBase64();
    void refusedPayloads_data();
    void refusedPayloads();
    void untypedEventsInABatchAreDropped();
    void wrongTypesAndHugeNumbersReadAsAbsent_data();
    void wrongTypesAndHugeNumbersReadAsAbsent();
    void taskFieldsOfOtherTypes();
    void everyTruncationIsRefusedOrDecoded();

private:
    QHash<QString, QByteArray> m_payloads;
};

void tst_CeleryEvent::initTestCase()
{
    m_payloads = capturedPayloads();
    QCOMPARE(m_payloads.size(), 9);
}

void tst_CeleryEvent::workerEvents_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<qint64>("processed");
    QTest::addColumn<QList<double>>("loadAverage");
    QTest::addColumn<double>("timestamp");
    // Values as in the decoded bodies printed in the fixture's capture.
    QTest::addRow("online") << QStringLiteral("worker-online") << qint64(0) << QList<double>{8.34, 8.09, 5.6} << 1796605678.1752098;
    QTest::addRow("heartbeat") << QStringLiteral("worker-heartbeat") << qint64(4) << QList<double>{8.31, 8.08, 5.61} << 1796605684.1831527;
    QTest::addRow("offline") << QStringLiteral("worker-offline") << qint64(4) << QList<double>{8.28, 8.08, 5.63} << 1796605687.7133477;
}

void tst_CeleryEvent::workerEvents()
{
    QFETCH(QString, name);
    QFETCH(qint64, processed);
    QFETCH(QList<double>, loadAverage);
    QFETCH(double, timestamp);
    const CeleryEvent e = decodeOne(m_payloads.value(name));
    QCOMPARE(e.type, name);
    QVERIFY(e.isWorkerEvent());
    QVERIFY(!e.isTaskEvent());
    QCOMPARE(e.hostname, QStringLiteral("light@capvm"));
    QCOMPARE(e.frequency, 2.0);
    QCOMPARE(e.active, 0);
    QCOMPARE(e.processed, processed);
    QCOMPARE(e.loadAverage, loadAverage);
    QCOMPARE(e.timestamp, timestamp);
    QVERIFY(e.uuid.isEmpty()); // task fields are not read from worker events
}

void tst_CeleryEvent::taskSent()
{
    const CeleryEvent e = decodeOne(m_payloads.value(QStringLiteral("task-sent")));
    QCOMPARE(e.type, QStringLiteral("task-sent"));
    QVERIFY(e.isTaskEvent());
    QCOMPARE(e.hostname, QStringLiteral("gen2707@vm")); // the producer's
    QCOMPARE(e.uuid, QStringLiteral("956d9168-1e38-431d-b88b-7a07eeff0b4f"));
    QCOMPARE(e.name, QStringLiteral("capapp.add"));
    QCOMPARE(e.queue, QStringLiteral("celery"));
    QCOMPARE(e.args, QStringLiteral("(2, 3)"));
    QCOMPARE(e.kwargs, QStringLiteral("{}"));
    QCOMPARE(e.retries, 0);
    QCOMPARE(e.runtime, -1.0);
    QCOMPARE(e.timestamp, 1796605682.413447);
}

void tst_CeleryEvent::succeededBatch()
{
    QString error;
    const QList<CeleryEvent> events = CeleryEvent::decodeEnvelope(m_payloads.value(QStringLiteral("task-succeeded-batch")), &error);
    QCOMPARE(events.size(), 3);
    QVERIFY(error.isEmpty());
    const QString uuid = QStringLiteral("956d9168-1e38-431d-b88b-7a07eeff0b4f");
    QCOMPARE(events.at(0).type, QStringLiteral("task-received"));
    QCOMPARE(events.at(0).name, QStringLiteral("capapp.add"));
    QCOMPARE(events.at(0).args, QStringLiteral("(2, 3)"));
    QVERIFY(events.at(0).queue.isEmpty()); // only task-sent names the queue
    QCOMPARE(events.at(1).type, QStringLiteral("task-started"));
    QVERIFY(events.at(1).name.isEmpty()); // task-started carries the uuid only
    QCOMPARE(events.at(2).type, QStringLiteral("task-succeeded"));
    QCOMPARE(events.at(2).runtime, 0.00013031699927523732);
    for (const CeleryEvent &e : events) {
        QCOMPARE(e.uuid, uuid);
        QCOMPARE(e.hostname, QStringLiteral("light@capvm"));
    }
    QVERIFY(events.at(0).timestamp < events.at(1).timestamp);
    QVERIFY(events.at(1).timestamp < events.at(2).timestamp);
}

void tst_CeleryEvent::failedBatch()
{
    const QList<CeleryEvent> events = CeleryEvent::decodeEnvelope(m_payloads.value(QStringLiteral("task-failed-batch")));
    QCOMPARE(events.size(), 3);
    const CeleryEvent &failed = events.at(2);
    QCOMPARE(failed.type, QStringLiteral("task-failed"));
    QCOMPARE(failed.uuid, QStringLiteral("f1c06345-75ab-41fd-a4e6-1f7b13d78e1a"));
    // Celery 5.2 on Python 3.11 sends this repr; the message is in the traceback.
    QCOMPARE(failed.exception, QStringLiteral("ExceptionWithTraceback()"));
    QVERIFY(failed.traceback.startsWith(QStringLiteral("Traceback (most recent call last):\n")));
    QVERIFY(failed.traceback.endsWith(QStringLiteral("\nValueError: boom 1\n")));
    QCOMPARE(failed.runtime, -1.0);
}

void tst_CeleryEvent::retriedBatch()
{
    const QList<CeleryEvent> events = CeleryEvent::decodeEnvelope(m_payloads.value(QStringLiteral("task-retried-batch")));
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(0).kwargs, QStringLiteral("{'retry': True}"));
    QCOMPARE(events.at(0).retries, 0);
    QCOMPARE(events.at(2).type, QStringLiteral("task-retried"));
    QCOMPARE(events.at(2).exception, QStringLiteral("Retry(Retry(...), ValueError('retry 2'), 0)"));
    QVERIFY(events.at(2).traceback.endsWith(QStringLiteral("celery.exceptions.Retry: Retry in 0s: ValueError('retry 2')\n")));
}

void tst_CeleryEvent::revokedAndRejected()
{
    const QList<CeleryEvent> revoked = CeleryEvent::decodeEnvelope(m_payloads.value(QStringLiteral("task-revoked-batch")));
    QCOMPARE(revoked.size(), 1);
    QCOMPARE(revoked.at(0).type, QStringLiteral("task-revoked"));
    QCOMPARE(revoked.at(0).uuid, QStringLiteral("0a0a0a0a-1111-2222-3333-444444444444"));
    QVERIFY(revoked.at(0).name.isEmpty());

    const QList<CeleryEvent> rejected = CeleryEvent::decodeEnvelope(m_payloads.value(QStringLiteral("task-rejected-batch")));
    QCOMPARE(rejected.size(), 3);
    QCOMPARE(rejected.at(0).name, QStringLiteral("capapp.refuse"));
    QCOMPARE(rejected.at(0).args, QStringLiteral("()"));
    QCOMPARE(rejected.at(2).type, QStringLiteral("task-rejected"));
    QCOMPARE(rejected.at(2).uuid, QStringLiteral("91e70b6a-1c2e-4c0a-9eaa-a840bc00949a"));
}

// The captured task-sent without `queue` and routed by key "shap": the routing key names the queue.
void tst_CeleryEvent::queueFallsBackToRoutingKey()
{
    const QByteArray body = R"j({"hostname": "gen2707@vm", "uuid": "956d9168-1e38-431d-b88b-7a07eeff0b4f",)j"
                            R"j( "name": "capapp.add", "args": "(2, 3)", "kwargs": "{}", "retries": 0, "exchange": "",)j"
                            R"j( "routing_key": "shap", "timestamp": 1796605682.413447, "type": "task-sent"})j";
    QCOMPARE(decodeOne(envelope(body)).queue, QStringLiteral("shap"));
}

// A body without body_encoding is the JSON itself (kombu's raw encoding).
void tst_CeleryEvent::plainJsonBodyWithoutBase64()
{
    const CeleryEvent e = decodeOne(envelope(heartbeatWith("processed", "26"), "utf-8"));
    QCOMPARE(e.type, QStringLiteral("worker-heartbeat"));
    QCOMPARE(e.processed, qint64(26));
}

void tst_CeleryEvent::refusedPayloads_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("reason");
    const QString notEnvelope = QStringLiteral("not a kombu envelope");
    const QString badBody = QStringLiteral("event body");
    QTest::addRow("empty") << QByteArray() << notEnvelope;
    QTest::addRow("a JSON list") << QByteArray("[1, 2]") << notEnvelope;
    QTest::addRow("null") << QByteArray("null") << notEnvelope;
    QTest::addRow("text") << QByteArray("worker-heartbeat light@vm") << notEnvelope;
    QTest::addRow("envelope not UTF-8") << QByteArray("{\"body\": \"\xff\xfe\", \"properties\": {}}") << notEnvelope;
    QTest::addRow("no body") << QByteArray(R"({"properties": {"body_encoding": "base64"}})") << badBody;
    QTest::addRow("body a number") << QByteArray(R"({"body": 42, "properties": {"body_encoding": "base64"}})") << badBody;
    QTest::addRow("body not base64") << envelope("!!!!", "bad-base64").replace("bad-base64", "base64") << badBody;
    QTest::addRow("body not JSON") << envelope("worker-heartbeat") << badBody;
    QTest::addRow("body a JSON string") << envelope("\"worker-heartbeat\"") << badBody;
    QTest::addRow("body not UTF-8") << envelope("{\"type\": \"worker-heartbeat\", \"hostname\": \"light@\xff\xfe\"}") << badBody;
    // Python's json.dumps writes NaN for float('nan'): not JSON.
    QTest::addRow("NaN") << envelope(heartbeatWith("freq", "NaN")) << badBody;
    QTest::addRow("nested 100000 deep") << envelope(QByteArray(100000, '[') + QByteArray(100000, ']')) << badBody;
    QTest::addRow("no type") << envelope(R"({"hostname": "light@vm", "freq": 2.0})") << QStringLiteral("type");
    QTest::addRow("type not a string") << envelope(heartbeatWith("type", "7")) << QStringLiteral("type");
    QTest::addRow("list of numbers") << envelope("[1, 2, 3]") << QStringLiteral("type");
}

void tst_CeleryEvent::refusedPayloads()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, reason);
    QString error;
    const QList<CeleryEvent> events = CeleryEvent::decodeEnvelope(payload, &error);
    QVERIFY(events.isEmpty());
    QVERIFY2(error.contains(reason), qPrintable(error));
}

// One bad item does not cost the others, and says why it was dropped.
void tst_CeleryEvent::untypedEventsInABatchAreDropped()
{
    const QByteArray body = R"([{"uuid": "a", "type": "task-started", "hostname": "light@vm"}, 17,)"
                            R"( {"uuid": "b", "hostname": "light@vm"}, {"uuid": "c", "type": "task-succeeded", "runtime": 0.5}])";
    QString error;
    const QList<CeleryEvent> events = CeleryEvent::decodeEnvelope(envelope(body), &error);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).uuid, QStringLiteral("a"));
    QCOMPARE(events.at(1).uuid, QStringLiteral("c"));
    QCOMPARE(events.at(1).runtime, 0.5);
    QVERIFY2(error.contains(QStringLiteral("2 of 4")), qPrintable(error));
}

// Fields of the wrong type, and numbers beyond what the field can hold, read
// as if absent: never a wrapped or truncated value.
void tst_CeleryEvent::wrongTypesAndHugeNumbersReadAsAbsent_data()
{
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<QByteArray>("value");
    QTest::addRow("freq a string") << QByteArray("freq") << QByteArray("\"2.0\"");
    QTest::addRow("freq null") << QByteArray("freq") << QByteArray("null");
    QTest::addRow("active a string") << QByteArray("active") << QByteArray("\"3\"");
    QTest::addRow("active beyond int") << QByteArray("active") << QByteArray("1e20");
    QTest::addRow("active a fraction") << QByteArray("active") << QByteArray("1.5");
    QTest::addRow("processed beyond int64") << QByteArray("processed") << QByteArray("1e300");
    QTest::addRow("processed a list") << QByteArray("processed") << QByteArray("[4]");
    QTest::addRow("loadavg a string") << QByteArray("loadavg") << QByteArray("\"high\"");
    QTest::addRow("hostname a number") << QByteArray("hostname") << QByteArray("42");
    QTest::addRow("timestamp a string") << QByteArray("timestamp") << QByteArray("\"yesterday\"");
}

void tst_CeleryEvent::wrongTypesAndHugeNumbersReadAsAbsent()
{
    QFETCH(QByteArray, field);
    QFETCH(QByteArray, value);
    const CeleryEvent e = decodeOne(envelope(heartbeatWith(field, value)));
    QCOMPARE(e.type, QStringLiteral("worker-heartbeat"));
    const CeleryEvent absent; // the defaults of a field not sent
    if (field == "freq")
        QCOMPARE(e.frequency, absent.frequency);
    else if (field == "active")
        QCOMPARE(e.active, absent.active);
    else if (field == "processed")
        QCOMPARE(e.processed, absent.processed);
    else if (field == "loadavg")
        QVERIFY(e.loadAverage.isEmpty());
    else if (field == "hostname")
        QVERIFY(e.hostname.isEmpty());
    else if (field == "timestamp")
        QCOMPARE(e.timestamp, absent.timestamp);
    else
        QFAIL("no expectation for this field");
}

// Older senders sent args and kwargs as JSON values, not reprs: kept as compact
// JSON text. Other task fields of the wrong type read as absent.
void tst_CeleryEvent::taskFieldsOfOtherTypes()
{
    const QByteArray body = R"j({"type": "task-succeeded", "uuid": "u1", "hostname": "light@vm", "args": [2, 3],)j"
                            R"j( "kwargs": {"retry": true}, "retries": "1", "runtime": "fast", "exception": 7,)j"
                            R"j( "traceback": null, "queue": ["shap"], "routing_key": "celery"})j";
    const CeleryEvent e = decodeOne(envelope(body));
    QCOMPARE(e.args, QStringLiteral("[2,3]"));
    QCOMPARE(e.kwargs, QStringLiteral("{\"retry\":true}"));
    QCOMPARE(e.retries, 0);
    QCOMPARE(e.runtime, -1.0);
    QVERIFY(e.exception.isEmpty());
    QVERIFY(e.traceback.isEmpty());
    QCOMPARE(e.queue, QStringLiteral("celery")); // a queue that is not a string is no queue
    const CeleryEvent huge = decodeOne(envelope(R"({"type": "task-succeeded", "uuid": "u2", "runtime": 1e308, "retries": 1e300})"));
    QCOMPARE(huge.runtime, 1e308); // a double, as sent: what to make of it is the flow's business
    QCOMPARE(huge.retries, 0);
}

// Every prefix of every captured payload (a message cut short) is either refused
// with a reason or decoded; none crashes the decoder.
void tst_CeleryEvent::everyTruncationIsRefusedOrDecoded()
{
    int refused = 0;
    for (const QByteArray &payload : std::as_const(m_payloads)) {
        for (qsizetype length = 0; length < payload.size(); ++length) {
            QString error;
            const QList<CeleryEvent> events = CeleryEvent::decodeEnvelope(payload.left(length), &error);
            QVERIFY2(!events.isEmpty() || !error.isEmpty(), payload.left(length).constData());
            refused += events.isEmpty() ? 1 : 0;
        }
    }
    QVERIFY(refused > 0);
}

QTEST_GUILESS_MAIN(tst_CeleryEvent)
#include "tst_CeleryEvent.moc"
