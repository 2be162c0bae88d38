#include "ConsumerProbe.h"

#include "core/Logging.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUuid>

namespace e2i {
namespace {

const QByteArray kSeparator("\x06\x16");
const QString kReplyExchange = QStringLiteral("reply.celery.pidbox");
constexpr double kPollSeconds = 0.2; // one BRPOP; well inside the connection's read timeout

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QByteArray replyList(const QString &replyKey)
{
    return replyKey.toUtf8() + ".reply.celery.pidbox";
}

} // namespace

ConsumerProbe::ConsumerProbe(RedisEndpoint endpoint, int intervalMs, int replyTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_intervalMs(intervalMs)
    , m_replyTimeoutMs(replyTimeoutMs)
{
}

ConsumerProbe::~ConsumerProbe()
{
    stop();
}

QByteArray ConsumerProbe::requestEnvelope(const QString &method, const QString &ticket, const QString &replyKey,
                                          double expiresAt)
{
    const QJsonObject body{
        {QStringLiteral("method"), method},
        {QStringLiteral("arguments"), QJsonObject{}},
        {QStringLiteral("destination"), QJsonValue::Null},
        {QStringLiteral("pattern"), QJsonValue::Null},
        {QStringLiteral("matcher"), QJsonValue::Null},
        {QStringLiteral("ticket"), ticket},
        {QStringLiteral("reply_to"), QJsonObject{{QStringLiteral("exchange"), kReplyExchange},
                                                 {QStringLiteral("routing_key"), replyKey}}},
    };
    const QJsonObject envelope{
        {QStringLiteral("body"), QString::fromLatin1(QJsonDocument(body).toJson(QJsonDocument::Compact).toBase64())},
        {QStringLiteral("content-encoding"), QStringLiteral("utf-8")},
        {QStringLiteral("content-type"), QStringLiteral("application/json")},
        {QStringLiteral("headers"), QJsonObject{{QStringLiteral("clock"), 1}, {QStringLiteral("expires"), expiresAt}}},
        {QStringLiteral("properties"),
         QJsonObject{{QStringLiteral("delivery_mode"), 2},
                     {QStringLiteral("delivery_info"), QJsonObject{{QStringLiteral("exchange"), QStringLiteral("celery.pidbox")},
                                                                   {QStringLiteral("routing_key"), QString()}}},
                     {QStringLiteral("priority"), 0},
                     {QStringLiteral("body_encoding"), QStringLiteral("base64")},
                     {QStringLiteral("delivery_tag"), newId()}}},
    };
    return QJsonDocument(envelope).toJson(QJsonDocument::Compact);
}

// A reply: envelope with headers.ticket, body {"w1@vm": [{"name": "default", ...}, ...]}.
bool ConsumerProbe::parseReply(const QByteArray &payload, const QString &ticket, QHash<QString, QStringList> *byWorker)
{
    const QJsonObject envelope = QJsonDocument::fromJson(payload).object();
    if (envelope.value(QLatin1String("headers")).toObject().value(QLatin1String("ticket")).toString() != ticket)
        return false; // an answer to an earlier request
    QByteArray body = envelope.value(QLatin1String("body")).toString().toUtf8();
    if (envelope.value(QLatin1String("properties")).toObject().value(QLatin1String("body_encoding")).toString()
        == QLatin1String("base64"))
        body = QByteArray::fromBase64(body);
    const QJsonObject answers = QJsonDocument::fromJson(body).object();
    for (auto it = answers.begin(); it != answers.end(); ++it) {
        QStringList queues;
        for (const auto &q : it.value().toArray())
            queues.append(q.toObject().value(QLatin1String("name")).toString());
        byWorker->insert(it.key(), queues);
    }
    return !answers.isEmpty();
}

void ConsumerProbe::start()
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setInterval(m_intervalMs);
        connect(m_timer, &QTimer::timeout, this, &ConsumerProbe::tick);
    }
    m_timer->start();
}

void ConsumerProbe::stop()
{
    if (m_timer)
        m_timer->stop();
    m_connection.close();
}

void ConsumerProbe::setLiveWorkers(const QStringList &hostnames)
{
    m_live = hostnames;
}

void ConsumerProbe::tick()
{
    QueueConsumers result;
    result.askedAt = QDateTime::currentDateTimeUtc();
    if (m_live.isEmpty()) { // nobody to ask: an empty answer, not a silent one
        Q_EMIT consumersUpdated(result);
        return;
    }
    QString error;
    if (!ensureOpen(&error) || !ask(&result, &error)) {
        result.error = error;
        m_connection.close();
        m_backoff.failed(QDateTime::currentMSecsSinceEpoch());
    }
    for (const auto &host : std::as_const(m_live))
        if (!result.answered(host))
            result.silent.append(host);
    Q_EMIT consumersUpdated(result);
}

bool ConsumerProbe::ensureOpen(QString *error)
{
    if (m_connection.isOpen())
        return true;
    if (!m_backoff.mayTry(QDateTime::currentMSecsSinceEpoch())) {
        *error = QStringLiteral("reconnecting");
        return false;
    }
    if (!m_connection.open(m_endpoint.url, m_endpoint.password, m_endpoint.timeoutMs, error))
        return false;
    m_backoff.succeeded();
    return true;
}

bool ConsumerProbe::ask(QueueConsumers *result, QString *error)
{
    // A fresh reply key per request: its list is empty, and the binding that routes
    // replies to it is removed afterwards, so nothing is left behind in Redis.
    const QString replyKey = newId();
    const QString ticket = newId();
    const QByteArray binding = replyKey.toUtf8() + kSeparator + kSeparator + replyList(replyKey);
    const QByteArray bindingSet = "_kombu.binding." + kReplyExchange.toUtf8();
    const double expiresAt = QDateTime::currentMSecsSinceEpoch() / 1000.0 + m_replyTimeoutMs / 1000.0;
    const QByteArray channel = "/" + QByteArray::number(m_endpoint.url.db) + ".celery.pidbox";
    const auto sent = m_connection.pipeline(
        {{"SADD", bindingSet, binding}, {"PUBLISH", channel, requestEnvelope(QStringLiteral("active_queues"), ticket, replyKey, expiresAt)}},
        error);
    if (!sent)
        return false;
    collect(replyList(replyKey), ticket, result, error);
    m_connection.pipeline({{"SREM", bindingSet, binding}, {"DEL", replyList(replyKey)}}, error);
    return m_connection.isOpen();
}

void ConsumerProbe::collect(const QByteArray &list, const QString &ticket, QueueConsumers *result, QString *error)
{
    const QDeadlineTimer deadline(m_replyTimeoutMs);
    while (!deadline.hasExpired()) {
        const auto reply = m_connection.command({"BRPOP", list, QByteArray::number(kPollSeconds)}, error);
        if (!reply)
            return;
        if (reply->type == RedisValue::Type::Array && reply->elements.size() == 2)
            parseReply(reply->elements.at(1).string, ticket, &result->byWorker);
        bool all = true;
        for (const auto &host : std::as_const(m_live))
            all = all && result->answered(host);
        if (all)
            return;
    }
}

} // namespace e2i
