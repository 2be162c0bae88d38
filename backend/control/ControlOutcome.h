#pragma once
// What a control action from the console came to: which workers answered,
// which refused (and why), which did not answer in time, or what Redis said.
#include <QJsonValue>
#include <QMap>
#include <QString>
#include <QStringList>

namespace e2i {

struct ControlOutcome {
    QString description;              // the action, as confirmed
    QStringList answered;             // answered and did it
    QMap<QString, QJsonValue> answers; // what each of them said, task arguments scrubbed
    QMap<QString, QString> refusedBy; // answered with Celery's {"error": ...}
    QStringList silent;               // addressed, no answer within the timeout
    QString error;                    // Redis could not be used: nothing is known
    bool sentOnly = false;            // shutdown: published, Celery sends no answer
    qint64 purged = -1;               // messages a purge deleted

    bool succeeded() const { return error.isEmpty() && refusedBy.isEmpty() && silent.isEmpty(); }
    // "answered: a, b; refused by c (pool cannot grow); no answer from d".
    QString text() const;
};

} // namespace e2i
