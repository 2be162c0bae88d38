#include "RevokeBroadcast.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace e2i {

namespace {

// A broadcast nobody hears within this long is dropped by the workers (kombu's `expires`).
constexpr double ExpiresSeconds = 60.0;

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

QByteArray RevokeBroadcast::channel(int db) const
{
    return QStringLiteral("/%1.celery.pidbox").arg(db).toUtf8();
}

QByteArray RevokeBroadcast::envelope() const
{
    const QJsonObject command{
        {QStringLiteral("method"), QStringLiteral("revoke")},
        {QStringLiteral("arguments"), QJsonObject{{QStringLiteral("task_id"), QJsonArray{taskId}},
                                                   {QStringLiteral("terminate"), terminate},
                                                   {QStringLiteral("signal"), QStringLiteral("SIGTERM")}}},
        {QStringLiteral("destination"), QJsonValue::Null},
        {QStringLiteral("pattern"), QJsonValue::Null},
        {QStringLiteral("matcher"), QJsonValue::Null},
        {QStringLiteral("ticket"), newUuid()}};
    const double now = static_cast<double>(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    const QJsonObject message{
        {QStringLiteral("body"),
         QString::fromLatin1(QJsonDocument(command).toJson(QJsonDocument::Compact).toBase64())},
        {QStringLiteral("content-encoding"), QStringLiteral("utf-8")},
        {QStringLiteral("content-type"), QStringLiteral("application/json")},
        {QStringLiteral("headers"), QJsonObject{{QStringLiteral("clock"), 1}, {QStringLiteral("expires"), now + ExpiresSeconds}}},
        {QStringLiteral("properties"),
         QJsonObject{{QStringLiteral("delivery_mode"), 2},
                     {QStringLiteral("delivery_info"), QJsonObject{{QStringLiteral("exchange"), QStringLiteral("celery.pidbox")},
                                                                   {QStringLiteral("routing_key"), QString()}}},
                     {QStringLiteral("priority"), 0},
                     {QStringLiteral("body_encoding"), QStringLiteral("base64")},
                     {QStringLiteral("delivery_tag"), newUuid()}}}};
    return QJsonDocument(message).toJson(QJsonDocument::Compact);
}

} // namespace e2i
