#include "PidboxRequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace e2i {
namespace {

const QByteArray kSeparator("\x06\x16");
const QString kReplyExchange = QStringLiteral("reply.celery.pidbox");
const QByteArray kBindingSet = "_kombu.binding.reply.celery.pidbox";

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QJsonValue destinationValue(const QStringList &destination)
{
    if (destination.isEmpty())
        return QJsonValue::Null; // Celery's "everyone"
    return QJsonArray::fromStringList(destination);
}

} // namespace

PidboxRequest::PidboxRequest(QString method, QJsonObject arguments, QStringList destination, double expiresAt)
    : PidboxRequest(std::move(method), std::move(arguments), std::move(destination), expiresAt, newId(), newId())
{
}

PidboxRequest::PidboxRequest(QString method, QJsonObject arguments, QStringList destination, double expiresAt,
                             QString ticket, QString replyKey)
    : m_method(std::move(method))
    , m_arguments(std::move(arguments))
    , m_destination(std::move(destination))
    , m_expiresAt(expiresAt)
    , m_ticket(std::move(ticket))
    , m_replyKey(std::move(replyKey))
{
}

QByteArray PidboxRequest::envelope() const
{
    const QJsonObject body{
        {QStringLiteral("method"), m_method},
        {QStringLiteral("arguments"), m_arguments},
        {QStringLiteral("destination"), destinationValue(m_destination)},
        {QStringLiteral("pattern"), QJsonValue::Null},
        {QStringLiteral("matcher"), QJsonValue::Null},
        {QStringLiteral("ticket"), m_ticket},
        {QStringLiteral("reply_to"), QJsonObject{{QStringLiteral("exchange"), kReplyExchange},
                                                 {QStringLiteral("routing_key"), m_replyKey}}},
    };
    const QJsonObject deliveryInfo{{QStringLiteral("exchange"), QStringLiteral("celery.pidbox")},
                                   {QStringLiteral("routing_key"), QString()}};
    const QJsonObject envelope{
        {QStringLiteral("body"), QString::fromLatin1(QJsonDocument(body).toJson(QJsonDocument::Compact).toBase64())},
        {QStringLiteral("content-encoding"), QStringLiteral("utf-8")},
        {QStringLiteral("content-type"), QStringLiteral("application/json")},
        {QStringLiteral("headers"), QJsonObject{{QStringLiteral("clock"), 1}, {QStringLiteral("expires"), m_expiresAt}}},
        {QStringLiteral("properties"),
         QJsonObject{{QStringLiteral("delivery_mode"), 2},
                     {QStringLiteral("delivery_info"), deliveryInfo},
                     {QStringLiteral("priority"), 0},
                     {QStringLiteral("body_encoding"), QStringLiteral("base64")},
                     {QStringLiteral("delivery_tag"), newId()}}},
    };
    return QJsonDocument(envelope).toJson(QJsonDocument::Compact);
}

QByteArray PidboxRequest::replyList() const
{
    return m_keyPrefix + unprefixedReplyList();
}

QByteArray PidboxRequest::unprefixedReplyList() const
{
    return m_replyKey.toUtf8() + ".reply.celery.pidbox";
}

QByteArray PidboxRequest::binding() const
{
    // A binding's fields are values: kombu prefixes keys only.
    return m_replyKey.toUtf8() + kSeparator + kSeparator + unprefixedReplyList();
}

QList<QByteArrayList> PidboxRequest::sendCommands(int db) const
{
    const QByteArray channel = m_keyPrefix + "/" + QByteArray::number(db) + ".celery.pidbox";
    return {{"SADD", m_keyPrefix + kBindingSet, binding()}, {"PUBLISH", channel, envelope()}};
}

QList<QByteArrayList> PidboxRequest::cleanupCommands() const
{
    return {{"SREM", m_keyPrefix + kBindingSet, binding()}, {"DEL", replyList()}};
}

} // namespace e2i
