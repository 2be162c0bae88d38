#include "JobRecord.h"

#include <QJsonArray>
#include <QJsonObject>

namespace e2i {

bool JobRecord::finished() const
{
    return state == QLatin1String("SUCCESS") || state == QLatin1String("FAILURE") || state == QLatin1String("REVOKED");
}

QString JobRecord::failureText() const
{
    if (state != QLatin1String("FAILURE") && state != QLatin1String("REVOKED"))
        return {};
    const QJsonObject exception = result.toObject();
    QStringList messages;
    for (const QJsonValue &part : exception.value(QStringLiteral("exc_message")).toArray())
        messages << (part.isString() ? part.toString() : part.toVariant().toString());
    return exception.value(QStringLiteral("exc_type")).toString(state) + QStringLiteral(": ") + messages.join(QStringLiteral(", "));
}

} // namespace e2i
