#include "AlertmanagerPayload.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace e2i {

QByteArray AlertmanagerPayload::build(const QList<AlertState> &alerts, const QString &environment, qint64 nowMs,
                                      qint64 validForMs)
{
    QJsonArray array;
    for (const AlertState &a : alerts) {
        const bool resolved = a.phase == AlertState::Phase::Resolved;
        const QJsonObject labels{{QStringLiteral("alertname"), a.rule},
                                 {QStringLiteral("severity"), AlertRule::severityName(a.severity)},
                                 {QStringLiteral("subject"), a.subject},
                                 {QStringLiteral("environment"), environment}};
        array.append(QJsonObject{{QStringLiteral("labels"), labels},
                                 {QStringLiteral("annotations"), QJsonObject{{QStringLiteral("summary"), a.text}}},
                                 {QStringLiteral("startsAt"), time(a.firedAtMs)},
                                 {QStringLiteral("endsAt"), time(resolved ? a.resolvedAtMs : nowMs + validForMs)}});
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QString AlertmanagerPayload::time(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace e2i
