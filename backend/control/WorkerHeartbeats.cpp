#include "WorkerHeartbeats.h"

#include "monitor/CeleryEvent.h"
#include "monitor/KombuBindings.h"

#include <poll.h>

namespace e2i {

bool WorkerHeartbeats::open(const RedisEndpoint &endpoint, const QString &keyPrefix, QString *error)
{
    if (!m_connection.open(endpoint.url, endpoint.password, endpoint.timeoutMs, error))
        return false;
    // Worker events go out with routing keys worker.heartbeat / worker.online / worker.offline.
    const QByteArray pattern = KombuBindings::escapedForGlob(keyPrefix) + "/" + QByteArray::number(endpoint.url.db)
                               + ".celeryev/worker.*";
    return m_connection.send({"PSUBSCRIBE", pattern}, error);
}

bool WorkerHeartbeats::poll(QString *error)
{
    pollfd readable{m_connection.socketDescriptor(), POLLIN, 0};
    if (::poll(&readable, 1, 0) <= 0)
        return m_connection.isOpen();
    QList<RedisValue> replies;
    if (!m_connection.readAvailable(&replies, error))
        return false;
    for (const auto &reply : std::as_const(replies)) {
        // ["pmessage", pattern, channel, payload]; the subscription's confirmation is skipped.
        if (reply.type == RedisValue::Type::Array && reply.elements.size() == 4
            && reply.elements.at(0).string == "pmessage")
            ingest(reply.elements.at(3).string);
    }
    return true;
}

void WorkerHeartbeats::ingest(const QByteArray &payload)
{
    for (const auto &event : CeleryEvent::decodeEnvelope(payload)) {
        if (event.type == QLatin1String("worker-offline"))
            m_alive.remove(event.hostname);
        else if (event.isWorkerEvent())
            m_alive.insert(event.hostname);
    }
}

QStringList WorkerHeartbeats::alive() const
{
    QStringList hosts(m_alive.begin(), m_alive.end());
    hosts.sort();
    return hosts;
}

} // namespace e2i
