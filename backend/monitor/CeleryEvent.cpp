#include "CeleryEvent.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace e2i {
namespace {

CeleryEvent fromJson(const QJsonObject &o)
{
    CeleryEvent e;
    e.type = o.value(QLatin1String("type")).toString();
    e.hostname = o.value(QLatin1String("hostname")).toString();
    e.frequency = o.value(QLatin1String("freq")).toDouble(2.0);
    e.active = o.value(QLatin1String("active")).toInt();
    e.processed = o.value(QLatin1String("processed")).toInteger();
    e.timestamp = o.value(QLatin1String("timestamp")).toDouble();
    for (const auto &v : o.value(QLatin1String("loadavg")).toArray())
        e.loadAverage.append(v.toDouble());
    return e;
}

bool fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return false;
}

} // namespace

QList<CeleryEvent> CeleryEvent::decodeEnvelope(const QByteArray &payload, QString *error)
{
    const QJsonDocument envelope = QJsonDocument::fromJson(payload);
    if (!envelope.isObject()) {
        fail(error, QStringLiteral("not a kombu envelope (no JSON object)"));
        return {};
    }
    const QJsonObject o = envelope.object();
    QByteArray body = o.value(QLatin1String("body")).toString().toUtf8();
    const QString encoding = o.value(QLatin1String("properties")).toObject().value(QLatin1String("body_encoding")).toString();
    if (encoding == QLatin1String("base64"))
        body = QByteArray::fromBase64(body);
    const QJsonDocument event = QJsonDocument::fromJson(body);
    QList<CeleryEvent> events;
    if (event.isObject()) {
        events.append(fromJson(event.object()));
    } else if (event.isArray()) {
        for (const auto &item : event.array())
            if (item.isObject())
                events.append(fromJson(item.toObject()));
    } else {
        fail(error, QStringLiteral("event body is not JSON"));
    }
    return events;
}

} // namespace e2i
