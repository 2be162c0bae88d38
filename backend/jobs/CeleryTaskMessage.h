#pragma once
// A Celery protocol 2 task message as kombu's Redis transport stores it in a queue list
// (../shared/platform/CELERY_WIRE.md): a JSON envelope whose base64 body is
// [args, kwargs, embed] and whose headers name the task and its id. A worker of Celery 5.2
// executes it as if Celery's own producer had sent it.
#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace e2i {

struct CeleryTaskMessage {
    QString task;       // e.g. e2i.shap.explain
    QString id;         // the task id, also root id and correlation id
    QJsonObject kwargs; // keyword arguments; the jobs take no positional ones
    QString queue;      // the routing key, and the queue list it goes to
    int priority = 0;   // 0..9, kept in the properties; also picks the priority sub-queue
    QString origin;     // the sender, as Celery's "gen<pid>@<host>"

    QByteArray envelope() const;
    // "<program><pid>@<host>" of this process, as Celery names a sender.
    static QString originOf(const QString &program);
};

} // namespace e2i
