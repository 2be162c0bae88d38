// The remote-control messages in the shapes CELERY_WIRE.md records from
// `celery inspect active_queues` against Celery 5.2 (the round trip with real
// workers is in tests/integration/flow).
#include "flow/ConsumerProbe.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace e2i;

class ConsumerProbeWireTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requestIsAKombuBroadcast();
    void replyWithOurTicketIsRead();
};

void ConsumerProbeWireTest::requestIsAKombuBroadcast()
{
    const QJsonObject envelope = QJsonDocument::fromJson(
        ConsumerProbe::requestEnvelope(QStringLiteral("active_queues"), QStringLiteral("T1"), QStringLiteral("R1"), 1.5)).object();
    const QJsonObject properties = envelope.value(QLatin1String("properties")).toObject();
    QCOMPARE(properties.value(QLatin1String("body_encoding")).toString(), QStringLiteral("base64"));
    QCOMPARE(properties.value(QLatin1String("delivery_info")).toObject().value(QLatin1String("exchange")).toString(),
             QStringLiteral("celery.pidbox"));
    QCOMPARE(envelope.value(QLatin1String("headers")).toObject().value(QLatin1String("expires")).toDouble(), 1.5);
    const QJsonObject body = QJsonDocument::fromJson(
        QByteArray::fromBase64(envelope.value(QLatin1String("body")).toString().toUtf8())).object();
    QCOMPARE(body.value(QLatin1String("method")).toString(), QStringLiteral("active_queues"));
    QCOMPARE(body.value(QLatin1String("ticket")).toString(), QStringLiteral("T1"));
    QVERIFY(body.value(QLatin1String("destination")).isNull());
    const QJsonObject replyTo = body.value(QLatin1String("reply_to")).toObject();
    QCOMPARE(replyTo.value(QLatin1String("exchange")).toString(), QStringLiteral("reply.celery.pidbox"));
    QCOMPARE(replyTo.value(QLatin1String("routing_key")).toString(), QStringLiteral("R1"));
}

void ConsumerProbeWireTest::replyWithOurTicketIsRead()
{
    const QByteArray body = R"({"light@vm": [{"name": "default", "routing_key": "default"}, {"name": "quick"}]})";
    const auto reply = [&](const char *ticket) {
        return QJsonDocument(QJsonObject{
                                 {QStringLiteral("body"), QString::fromLatin1(body.toBase64())},
                                 {QStringLiteral("headers"), QJsonObject{{QStringLiteral("ticket"), QString::fromLatin1(ticket)}}},
                                 {QStringLiteral("properties"), QJsonObject{{QStringLiteral("body_encoding"), QStringLiteral("base64")}}},
                             })
            .toJson();
    };
    QHash<QString, QStringList> byWorker;
    QVERIFY(!ConsumerProbe::parseReply(reply("old"), QStringLiteral("T1"), &byWorker));
    QVERIFY(byWorker.isEmpty());
    QVERIFY(ConsumerProbe::parseReply(reply("T1"), QStringLiteral("T1"), &byWorker));
    QCOMPARE(byWorker.value(QStringLiteral("light@vm")), (QStringList{QStringLiteral("default"), QStringLiteral("quick")}));
}

QTEST_APPLESS_MAIN(ConsumerProbeWireTest)
#include "tst_ConsumerProbeWire.moc"
