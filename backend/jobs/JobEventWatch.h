#pragma once
// A job's progress from the platform's event stream (Celery task events on
// `/{db}.celeryev/*`, CELERY_WIRE.md), on a connection of its own: which task ids have
// started and ended (succeeded, failed, revoked), and the live workers from their
// heartbeats (WorkerRegistry's rule). Subscribed before the job is sent, so no event of it
// is missed. Blocking, each wait bounded: never on the GUI thread.
#include "redis/RedisConnection.h"
#include "redis/RedisEndpoint.h"
#include "monitor/WorkerRegistry.h"

#include <QSet>
#include <QString>

namespace e2i {

class JobEventWatch
{
public:
    explicit JobEventWatch(RedisEndpoint broker);

    bool open(QString *error);
    // Takes in the events that arrive within waitMs.
    bool read(int waitMs, QString *error);

    bool hasStarted(const QString &id) const { return m_started.contains(id); }
    bool hasEnded(const QString &id) const { return m_ended.contains(id); }
    // Live workers whose hostname starts with "prefix@" (all live workers for an empty prefix).
    int liveWorkers(const QString &prefix) const;

private:
    void ingest(const RedisValue &reply);

    RedisEndpoint m_broker;
    RedisConnection m_connection;
    WorkerRegistry m_workers;
    QSet<QString> m_started;
    QSet<QString> m_ended;
};

} // namespace e2i
