#include "CeleryTaskMessage.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSysInfo>
#include <QUuid>

namespace e2i {

namespace {

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// [args, kwargs, embed]: no callbacks, errbacks, chain or chord.
QByteArray body(const QJsonObject &kwargs)
{
    const QJsonObject embed{{QStringLiteral("callbacks"), QJsonValue::Null}, {QStringLiteral("errbacks"), QJsonValue::Null},
                            {QStringLiteral("chain"), QJsonValue::Null}, {QStringLiteral("chord"), QJsonValue::Null}};
    return QJsonDocument(QJsonArray{QJsonArray{}, kwargs, embed}).toJson(QJsonDocument::Compact);
}

QJsonObject headers(const CeleryTaskMessage &m)
{
    return {{QStringLiteral("lang"), QStringLiteral("py")},
            {QStringLiteral("task"), m.task},
            {QStringLiteral("id"), m.id},
            {QStringLiteral("shadow"), QJsonValue::Null},
            {QStringLiteral("eta"), QJsonValue::Null},
            {QStringLiteral("expires"), QJsonValue::Null},
            {QStringLiteral("group"), QJsonValue::Null},
            {QStringLiteral("group_index"), QJsonValue::Null},
            {QStringLiteral("retries"), 0},
            {QStringLiteral("timelimit"), QJsonArray{QJsonValue::Null, QJsonValue::Null}},
            {QStringLiteral("root_id"), m.id},
            {QStringLiteral("parent_id"), QJsonValue::Null},
            // What task events show as the arguments: Celery writes reprs; JSON reads the same here.
            {QStringLiteral("argsrepr"), QStringLiteral("()")},
            {QStringLiteral("kwargsrepr"), QString::fromUtf8(QJsonDocument(m.kwargs).toJson(QJsonDocument::Compact))},
            {QStringLiteral("origin"), m.origin},
            {QStringLiteral("ignore_result"), false}};
}

QJsonObject properties(const CeleryTaskMessage &m)
{
    return {{QStringLiteral("correlation_id"), m.id},
            {QStringLiteral("reply_to"), newUuid()},
            {QStringLiteral("delivery_mode"), 2},
            {QStringLiteral("delivery_info"),
             QJsonObject{{QStringLiteral("exchange"), QString()}, {QStringLiteral("routing_key"), m.queue}}},
            {QStringLiteral("priority"), m.priority},
            {QStringLiteral("body_encoding"), QStringLiteral("base64")},
            {QStringLiteral("delivery_tag"), newUuid()}};
}

} // namespace

QByteArray CeleryTaskMessage::envelope() const
{
    const QJsonObject message{{QStringLiteral("body"), QString::fromLatin1(body(kwargs).toBase64())},
                              {QStringLiteral("content-encoding"), QStringLiteral("utf-8")},
                              {QStringLiteral("content-type"), QStringLiteral("application/json")},
                              {QStringLiteral("headers"), headers(*this)},
                              {QStringLiteral("properties"), properties(*this)}};
    return QJsonDocument(message).toJson(QJsonDocument::Compact);
}

QString CeleryTaskMessage::originOf(const QString &program)
{
    return QStringLiteral("%1%2@%3").arg(program).arg(QCoreApplication::applicationPid()).arg(QSysInfo::machineHostName());
}

} // namespace e2i
