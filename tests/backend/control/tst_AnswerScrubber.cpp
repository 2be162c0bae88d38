// Answers of `inspect active` and `stats` in Celery 5.2's shapes: task
// arguments and passwords never leave the scrubber, everything else does.
#include "control/AnswerScrubber.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace e2i;

class tst_AnswerScrubber : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void taskArgumentsAreHidden();
    void passwordsAreHiddenAtAnyDepth();
};

void tst_AnswerScrubber::taskArgumentsAreHidden()
{
    const QJsonArray active = QJsonDocument::fromJson(R"json([{"id": "T1", "name": "e2i.shap.explain",
        "args": ["token-1"], "kwargs": {"api_key": "secret-2"}, "argsrepr": "('token-1',)",
        "kwargsrepr": "{'api_key': 'secret-2'}", "hostname": "heavy@vm", "time_start": 12.5}])json").array();
    const QJsonObject task = AnswerScrubber::scrubbed(active).toArray().at(0).toObject();
    for (const char *field : {"args", "kwargs", "argsrepr", "kwargsrepr"})
        QCOMPARE(task.value(QLatin1String(field)).toString(), QStringLiteral("<hidden>"));
    QCOMPARE(task.value(QLatin1String("id")).toString(), QStringLiteral("T1"));
    QCOMPARE(task.value(QLatin1String("time_start")).toDouble(), 12.5);
    const QByteArray text = QJsonDocument(AnswerScrubber::scrubbed(active).toArray()).toJson();
    QVERIFY(!text.contains("token-1") && !text.contains("secret-2"));
}

void tst_AnswerScrubber::passwordsAreHiddenAtAnyDepth()
{
    const QJsonObject stats = QJsonDocument::fromJson(R"json({"broker": {"hostname": "127.0.0.1", "password": "p1",
        "transport_options": {"sentinel_kwargs": {"Password": "p2"}}}, "pool": {"max-concurrency": 2}})json").object();
    const QJsonObject scrubbed = AnswerScrubber::scrubbed(stats).toObject();
    const QJsonObject broker = scrubbed.value(QLatin1String("broker")).toObject();
    QCOMPARE(broker.value(QLatin1String("password")).toString(), QStringLiteral("<hidden>"));
    QCOMPARE(broker.value(QLatin1String("hostname")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(broker.value(QLatin1String("transport_options")).toObject().value(QLatin1String("sentinel_kwargs")).toObject()
                 .value(QLatin1String("Password")).toString(),
             QStringLiteral("<hidden>"));
    QCOMPARE(scrubbed.value(QLatin1String("pool")).toObject().value(QLatin1String("max-concurrency")).toInt(), 2);
    QCOMPARE(AnswerScrubber::scrubbed(QJsonValue(QStringLiteral("pong"))).toString(), QStringLiteral("pong"));
}

QTEST_APPLESS_MAIN(tst_AnswerScrubber)
#include "tst_AnswerScrubber.moc"
