#pragma once
// Celery events as published on `/{db}.celeryev/<routing key>` (workers started
// with -E). Each pub/sub message is a kombu envelope whose base64 body is one
// event, or a JSON list of events on `task.multi`.
#include <QByteArray>
#include <QList>
#include <QString>

namespace e2i {

struct CeleryEvent {
    QString type;     // worker-heartbeat, worker-online, worker-offline, task-...
    QString hostname; // light@host
    double frequency = 2.0; // heartbeat period in seconds
    int active = 0;
    qint64 processed = 0;
    QList<double> loadAverage;
    double timestamp = 0.0; // the worker's clock, seconds since the epoch

    // Task events (task-sent/-received/-started/-succeeded/-failed/-retried/
    // -rejected/-revoked). Only task-sent and task-received carry the name.
    QString uuid;
    QString name;
    QString queue;      // task-sent only (`queue`, else `routing_key`)
    QString args;       // Python reprs, as sent: may hold secrets, never print unasked
    QString kwargs;
    QString exception;  // task-failed / task-retried: "ValueError('boom 1')"
    QString traceback;
    double runtime = -1.0; // task-succeeded, seconds
    int retries = 0;

    bool isWorkerEvent() const { return type.startsWith(QLatin1String("worker-")); }
    bool isTaskEvent() const { return type.startsWith(QLatin1String("task-")); }

    // Decodes one message payload; an empty list (and `error`) when it is not a
    // kombu envelope with a JSON event body. Events without a string `type` are
    // dropped, and `error` says how many.
    static QList<CeleryEvent> decodeEnvelope(const QByteArray &payload, QString *error = nullptr);
};

} // namespace e2i
