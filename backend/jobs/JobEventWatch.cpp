#include "JobEventWatch.h"

#include "monitor/CeleryEvent.h"

#include <QDateTime>

#include <cerrno>
#include <cstring>

#include <poll.h>

namespace e2i {

JobEventWatch::JobEventWatch(RedisEndpoint broker)
    : m_broker(std::move(broker))
{
}

bool JobEventWatch::open(QString *error)
{
    if (!m_connection.open(m_broker.url, m_broker.password, m_broker.timeoutMs, error))
        return false;
    // Celery's fanout exchange for events publishes on "/{db}.celeryev/<routing key>".
    const QByteArray pattern = "/" + QByteArray::number(m_broker.url.db) + ".celeryev/*";
    return m_connection.send({"PSUBSCRIBE", pattern}, error);
}

bool JobEventWatch::read(int waitMs, QString *error)
{
    pollfd readable{m_connection.socketDescriptor(), POLLIN, 0};
    const int ready = ::poll(&readable, 1, waitMs);
    if (ready < 0) {
        *error = QStringLiteral("waiting for events: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    m_workers.expire(QDateTime::currentDateTimeUtc());
    if (ready == 0)
        return true;
    QList<RedisValue> replies;
    if (!m_connection.readAvailable(&replies, error))
        return false;
    for (const RedisValue &reply : replies)
        ingest(reply);
    return true;
}

void JobEventWatch::ingest(const RedisValue &reply)
{
    if (reply.elements.size() < 4 || reply.elements.at(0).string != "pmessage")
        return;
    const QDateTime receivedAt = QDateTime::currentDateTimeUtc();
    for (const CeleryEvent &event : CeleryEvent::decodeEnvelope(reply.elements.at(3).string)) {
        m_workers.ingest(event, receivedAt);
        if (event.type == QLatin1String("task-started"))
            m_started.insert(event.uuid);
        else if (event.type == QLatin1String("task-succeeded") || event.type == QLatin1String("task-failed")
                 || event.type == QLatin1String("task-revoked"))
            m_ended.insert(event.uuid);
    }
}

int JobEventWatch::liveWorkers(const QString &prefix) const
{
    int count = 0;
    for (const WorkerInfo &worker : m_workers.workers())
        if (prefix.isEmpty() || worker.hostname.startsWith(prefix + u'@'))
            ++count;
    return count;
}

} // namespace e2i
