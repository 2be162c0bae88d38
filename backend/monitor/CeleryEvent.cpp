#include "CeleryEvent.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace e2i {
namespace {

// Celery sends args/kwargs as reprs (strings); older senders sent JSON values.
QString reprOf(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isUndefined() || v.isNull())
        return {};
    return QString::fromUtf8(QJsonDocument::fromVariant(v.toVariant()).toJson(QJsonDocument::Compact));
}

void readTaskFields(const QJsonObject &o, CeleryEvent &e)
{
    e.uuid = o.value(QLatin1String("uuid")).toString();
    e.name = o.value(QLatin1String("name")).toString();
    e.queue = o.value(QLatin1String("queue")).toString();
    if (e.queue.isEmpty())
        e.queue = o.value(QLatin1String("routing_key")).toString();
    e.args = reprOf(o.value(QLatin1String("args")));
    e.kwargs = reprOf(o.value(QLatin1String("kwargs")));
    e.exception = o.value(QLatin1String("exception")).toString();
    e.traceback = o.value(QLatin1String("traceback")).toString();
    e.runtime = o.value(QLatin1String("runtime")).toDouble(-1.0);
    e.retries = o.value(QLatin1String("retries")).toInt();
}

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
    if (e.isTaskEvent())
        readTaskFields(o, e);
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
    if (!event.isObject() && !event.isArray()) {
        fail(error, QStringLiteral("event body is not a JSON object or list"));
        return {};
    }
    const QJsonArray items = event.isArray() ? event.array() : QJsonArray{event.object()};
    // Everything downstream goes by the type: an event without one is noise.
    QList<CeleryEvent> events;
    for (const auto &item : items)
        if (item.toObject().value(QLatin1String("type")).isString())
            events.append(fromJson(item.toObject()));
    if (events.size() < items.size())
        fail(error, QStringLiteral("dropped %1 of %2 events: not an object with a string \"type\"")
                        .arg(items.size() - events.size())
                        .arg(items.size()));
    return events;
}

} // namespace e2i
