#pragma once
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QStringList>

namespace e2i {

// What one remote-control call brought back.
struct ControlReplies {
    QString method;
    QMap<QString, QJsonValue> byWorker; // hostname -> its answer ({"ok": ...}, {"error": ...} or data)
    QStringList expected;               // the workers it waited for
    QStringList silent;                 // expected ones that did not answer in time
    QString error;                      // Redis could not be used; nothing else is known

    // A worker's answer that is Celery's {"error": "..."}: the worker refused the action.
    static QString refusal(const QJsonValue &answer)
    {
        return answer.toObject().value(QLatin1String("error")).toString();
    }
    QStringList refusedBy() const
    {
        QStringList hosts;
        for (auto it = byWorker.begin(); it != byWorker.end(); ++it)
            if (!refusal(it.value()).isEmpty())
                hosts.append(it.key());
        return hosts;
    }
};

} // namespace e2i
