#include "AnswerScrubber.h"

#include <QJsonArray>
#include <QJsonObject>

namespace e2i {
namespace {

const QString kHidden = QStringLiteral("<hidden>");

bool isSecretField(const QString &key)
{
    static const QStringList fields{QStringLiteral("args"), QStringLiteral("kwargs"), QStringLiteral("argsrepr"),
                                    QStringLiteral("kwargsrepr")};
    return fields.contains(key) || key.contains(QLatin1String("password"), Qt::CaseInsensitive);
}

} // namespace

QJsonValue AnswerScrubber::scrubbed(const QJsonValue &answer)
{
    if (answer.isArray()) {
        QJsonArray items;
        for (const auto &item : answer.toArray())
            items.append(scrubbed(item));
        return items;
    }
    if (!answer.isObject())
        return answer;
    QJsonObject fields = answer.toObject();
    for (auto it = fields.begin(); it != fields.end(); ++it)
        it.value() = isSecretField(it.key()) ? QJsonValue(kHidden) : scrubbed(it.value());
    return fields;
}

} // namespace e2i
