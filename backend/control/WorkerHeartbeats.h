#pragma once
// Which workers are alive, heard on Celery's worker event channel while a
// remote-control call collects its answers: a worker heartbeats every 2 s
// (Celery's default), so listening one period names every running worker,
// also one that no longer answers remote control. Poll-driven, never blocks.
#include "redis/RedisConnection.h"
#include "redis/RedisEndpoint.h"

#include <QSet>
#include <QStringList>

namespace e2i {

class WorkerHeartbeats
{
public:
    // keyPrefix: kombu's global_keyprefix, which prefixes event channels too.
    bool open(const RedisEndpoint &endpoint, const QString &keyPrefix, QString *error);
    // Reads the events that have arrived; false when the connection failed.
    bool poll(QString *error);
    QStringList alive() const; // sorted

private:
    void ingest(const QByteArray &payload);

    RedisConnection m_connection;
    QSet<QString> m_alive;
};

} // namespace e2i
