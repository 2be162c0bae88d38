#include "PidboxReply.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace e2i {

QHash<QString, QJsonValue> PidboxReply::parse(const QByteArray &payload, const QString &ticket)
{
    const QJsonObject envelope = QJsonDocument::fromJson(payload).object();
    if (envelope.value(QLatin1String("headers")).toObject().value(QLatin1String("ticket")).toString() != ticket)
        return {};
    QByteArray body = envelope.value(QLatin1String("body")).toString().toUtf8();
    if (envelope.value(QLatin1String("properties")).toObject().value(QLatin1String("body_encoding")).toString()
        == QLatin1String("base64"))
        body = QByteArray::fromBase64(body);
    const QJsonObject answers = QJsonDocument::fromJson(body).object();
    QHash<QString, QJsonValue> byWorker;
    for (auto it = answers.begin(); it != answers.end(); ++it)
        byWorker.insert(it.key(), it.value());
    return byWorker;
}

} // namespace e2i
