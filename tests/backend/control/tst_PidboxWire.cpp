// The remote-control messages in the shapes CELERY_WIRE.md records from
// `celery inspect` / `celery control` against Celery 5.2 (the round trips
// with real workers are in tests/integration/control and tests/integration/flow).
#include "control/PidboxReply.h"
#include "control/PidboxRequest.h"
#include "flow/ConsumerProbe.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace e2i;

namespace {

QJsonObject envelopeOf(const PidboxRequest &request)
{
    return QJsonDocument::fromJson(request.envelope()).object();
}

QJsonObject bodyOf(const PidboxRequest &request)
{
    return QJsonDocument::fromJson(
               QByteArray::fromBase64(envelopeOf(request).value(QLatin1String("body")).toString().toUtf8()))
        .object();
}

QByteArray reply(const char *ticket, const QByteArray &body)
{
    return QJsonDocument(QJsonObject{
                             {QStringLiteral("body"), QString::fromLatin1(body.toBase64())},
                             {QStringLiteral("headers"), QJsonObject{{QStringLiteral("ticket"), QString::fromLatin1(ticket)}}},
                             {QStringLiteral("properties"), QJsonObject{{QStringLiteral("body_encoding"), QStringLiteral("base64")}}},
                         })
        .toJson();
}

} // namespace

class tst_PidboxWire : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requestIsAKombuBroadcast();
    void argumentsAndDestinationAreInTheBody();
    void replyListIsBoundAndPublishedOnTheDatabase();
    void keyPrefixIsOnEveryKeyAndChannelNotOnValues();
    void replyWithOurTicketIsRead();
    void activeQueuesAnswerGivesQueueNames();
};

void tst_PidboxWire::requestIsAKombuBroadcast()
{
    const PidboxRequest request(QStringLiteral("active_queues"), {}, {}, 1.5, QStringLiteral("T1"), QStringLiteral("R1"));
    const QJsonObject envelope = envelopeOf(request);
    const QJsonObject properties = envelope.value(QLatin1String("properties")).toObject();
    QCOMPARE(properties.value(QLatin1String("body_encoding")).toString(), QStringLiteral("base64"));
    QCOMPARE(properties.value(QLatin1String("delivery_info")).toObject().value(QLatin1String("exchange")).toString(),
             QStringLiteral("celery.pidbox"));
    QCOMPARE(envelope.value(QLatin1String("headers")).toObject().value(QLatin1String("expires")).toDouble(), 1.5);
    const QJsonObject body = bodyOf(request);
    QCOMPARE(body.value(QLatin1String("method")).toString(), QStringLiteral("active_queues"));
    QCOMPARE(body.value(QLatin1String("ticket")).toString(), QStringLiteral("T1"));
    QVERIFY(body.value(QLatin1String("destination")).isNull());
    QCOMPARE(body.value(QLatin1String("arguments")).toObject(), QJsonObject{});
    const QJsonObject replyTo = body.value(QLatin1String("reply_to")).toObject();
    QCOMPARE(replyTo.value(QLatin1String("exchange")).toString(), QStringLiteral("reply.celery.pidbox"));
    QCOMPARE(replyTo.value(QLatin1String("routing_key")).toString(), QStringLiteral("R1"));
}

void tst_PidboxWire::argumentsAndDestinationAreInTheBody()
{
    const QJsonObject arguments{{QStringLiteral("task_id"), QStringLiteral("abc")},
                                {QStringLiteral("terminate"), true},
                                {QStringLiteral("signal"), QStringLiteral("SIGTERM")}};
    const PidboxRequest request(QStringLiteral("revoke"), arguments, {QStringLiteral("light@vm"), QStringLiteral("heavy@vm")}, 2.0);
    const QJsonObject body = bodyOf(request);
    QCOMPARE(body.value(QLatin1String("method")).toString(), QStringLiteral("revoke"));
    QCOMPARE(body.value(QLatin1String("arguments")).toObject(), arguments);
    QCOMPARE(body.value(QLatin1String("destination")).toArray(),
             (QJsonArray{QStringLiteral("light@vm"), QStringLiteral("heavy@vm")}));
    QCOMPARE(body.value(QLatin1String("ticket")).toString(), request.ticket());
    QVERIFY(!request.ticket().isEmpty());
    const PidboxRequest another(QStringLiteral("revoke"), arguments, {}, 2.0);
    QVERIFY(another.ticket() != request.ticket());
    QVERIFY(another.replyList() != request.replyList());
}

void tst_PidboxWire::replyListIsBoundAndPublishedOnTheDatabase()
{
    const PidboxRequest request(QStringLiteral("ping"), {}, {}, 1.0, QStringLiteral("T1"), QStringLiteral("R1"));
    QCOMPARE(request.replyList(), QByteArray("R1.reply.celery.pidbox"));
    const auto commands = request.sendCommands(3);
    QCOMPARE(commands.size(), 2);
    QCOMPARE(commands.at(0), (QByteArrayList{"SADD", "_kombu.binding.reply.celery.pidbox",
                                             QByteArray("R1\x06\x16\x06\x16R1.reply.celery.pidbox")}));
    QCOMPARE(commands.at(1).at(0), QByteArray("PUBLISH"));
    QCOMPARE(commands.at(1).at(1), QByteArray("/3.celery.pidbox"));
    const QJsonObject published = QJsonDocument::fromJson(commands.at(1).at(2)).object();
    QCOMPARE(published.value(QLatin1String("headers")).toObject().value(QLatin1String("expires")).toDouble(), 1.0);
    QCOMPARE(request.cleanupCommands(),
             (QList<QByteArrayList>{{"SREM", "_kombu.binding.reply.celery.pidbox", QByteArray("R1\x06\x16\x06\x16R1.reply.celery.pidbox")},
                                    {"DEL", "R1.reply.celery.pidbox"}}));
}

// kombu's global_keyprefix: its prefixed client prefixes the keys of SADD,
// SREM, DEL, BRPOP and the PUBLISH channel, never a value.
void tst_PidboxWire::keyPrefixIsOnEveryKeyAndChannelNotOnValues()
{
    PidboxRequest request(QStringLiteral("ping"), {}, {}, 1.0, QStringLiteral("T1"), QStringLiteral("R1"));
    request.setKeyPrefix(QStringLiteral("e2i:"));
    QCOMPARE(request.replyList(), QByteArray("e2i:R1.reply.celery.pidbox"));
    const QByteArray binding("R1\x06\x16\x06\x16R1.reply.celery.pidbox");
    const auto commands = request.sendCommands(0);
    QCOMPARE(commands.at(0), (QByteArrayList{"SADD", "e2i:_kombu.binding.reply.celery.pidbox", binding}));
    QCOMPARE(commands.at(1).at(1), QByteArray("e2i:/0.celery.pidbox"));
    QCOMPARE(request.cleanupCommands(),
             (QList<QByteArrayList>{{"SREM", "e2i:_kombu.binding.reply.celery.pidbox", binding},
                                    {"DEL", "e2i:R1.reply.celery.pidbox"}}));
    const QJsonObject replyTo = bodyOf(request).value(QLatin1String("reply_to")).toObject();
    QCOMPARE(replyTo.value(QLatin1String("routing_key")).toString(), QStringLiteral("R1"));
}

void tst_PidboxWire::replyWithOurTicketIsRead()
{
    const QByteArray body = R"({"light@vm": {"ok": "pong"}, "heavy@vm": {"error": "no such task"}})";
    QVERIFY(PidboxReply::parse(reply("old", body), QStringLiteral("T1")).isEmpty());
    const auto answers = PidboxReply::parse(reply("T1", body), QStringLiteral("T1"));
    QCOMPARE(answers.size(), 2);
    QCOMPARE(answers.value(QStringLiteral("light@vm")).toObject().value(QLatin1String("ok")).toString(), QStringLiteral("pong"));
    QCOMPARE(answers.value(QStringLiteral("heavy@vm")).toObject().value(QLatin1String("error")).toString(),
             QStringLiteral("no such task"));
    QVERIFY(PidboxReply::parse("not json", QStringLiteral("T1")).isEmpty());
}

void tst_PidboxWire::activeQueuesAnswerGivesQueueNames()
{
    const QByteArray body = R"({"light@vm": [{"name": "default", "routing_key": "default"}, {"name": "quick"}]})";
    const auto answers = PidboxReply::parse(reply("T1", body), QStringLiteral("T1"));
    QCOMPARE(ConsumerProbe::queueNames(answers.value(QStringLiteral("light@vm"))),
             (QStringList{QStringLiteral("default"), QStringLiteral("quick")}));
}

QTEST_APPLESS_MAIN(tst_PidboxWire)
#include "tst_PidboxWire.moc"
