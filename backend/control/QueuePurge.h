#pragma once
// Empties one Celery queue the way `celery purge -Q NAME` does on Redis: in
// one MULTI/EXEC, the length and then the deletion of the queue's list and of
// each of its priority sub-lists (CeleryKeyspace names them), nothing else.
// Not a remote-control call: workers are not involved. Blocking.
#include "monitor/CeleryKeyspace.h"
#include "redis/RedisEndpoint.h"

#include <QList>
#include <QPair>

#include <optional>

namespace e2i {

class QueuePurge
{
public:
    // Each key with the number of messages it held; nullopt (and `error`) when Redis failed.
    static std::optional<QList<QPair<QByteArray, qint64>>> purge(const RedisEndpoint &endpoint,
                                                                 const CeleryKeyspace &keyspace,
                                                                 const QString &queue, QString *error);
};

} // namespace e2i
