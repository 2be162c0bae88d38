#pragma once
#include <QDateTime>
#include <QHash>
#include <QStringList>

namespace e2i {

// Which queues each live worker really consumes, as it answered Celery's
// remote control `active_queues`.
struct QueueConsumers {
    QDateTime askedAt;                       // UTC; invalid = never asked
    QHash<QString, QStringList> byWorker;    // hostname -> queue names, for workers that answered
    QStringList silent;                      // live workers that did not answer in time
    QString error;                           // why asking failed (Redis), if it did

    bool answered(const QString &hostname) const { return byWorker.contains(hostname); }
};

} // namespace e2i
