#include "QueueMonitor.h"

#include "core/Logging.h"

#include <QHash>
#include <QTimer>

namespace e2i {

QueueMonitor::QueueMonitor(RedisEndpoint endpoint, CeleryKeyspace keyspace, QList<QueueAssignment> queues,
                           int intervalMs, QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_keyspace(std::move(keyspace))
    , m_queues(std::move(queues))
    , m_intervalMs(intervalMs)
{
    m_state.url = m_endpoint.url.redacted();
    m_state.disconnectedSince = QDateTime::currentDateTimeUtc();
}

QueueMonitor::~QueueMonitor() = default;

void QueueMonitor::start()
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setInterval(m_intervalMs);
        connect(m_timer, &QTimer::timeout, this, [this] { Q_EMIT queuesSampled(sampleOnce()); });
    }
    m_timer->start();
    Q_EMIT queuesSampled(sampleOnce());
}

void QueueMonitor::stop()
{
    if (m_timer)
        m_timer->stop();
    m_connection.close();
}

QueueSnapshot QueueMonitor::sampleOnce()
{
    QueueSnapshot snapshot;
    snapshot.sampledAt = QDateTime::currentDateTimeUtc();
    if (ensureConnected(snapshot.sampledAt.toMSecsSinceEpoch())) {
        QString error;
        if (const auto replies = m_connection.pipeline(sampleCommands(), &error))
            snapshot.queues = interpret(*replies);
        else
            markDisconnected(error);
    }
    snapshot.redis = m_state;
    return snapshot;
}

bool QueueMonitor::ensureConnected(qint64 nowMs)
{
    if (m_connection.isOpen())
        return true;
    if (!m_backoff.mayTry(nowMs))
        return false;
    QString error;
    if (!m_connection.open(m_endpoint.url, m_endpoint.password, m_endpoint.timeoutMs, &error)) {
        m_backoff.failed(nowMs);
        markDisconnected(error);
        return false;
    }
    if (!m_state.connected)
        log::info(QStringLiteral("queue monitor connected to %1").arg(m_state.url));
    m_backoff.succeeded();
    m_state.connected = true;
    m_state.disconnectedSince = {};
    m_state.lastError.clear();
    return true;
}

void QueueMonitor::markDisconnected(const QString &error)
{
    if (m_state.connected || m_state.lastError != error)
        log::warn(QStringLiteral("queue monitor: redis %1 unavailable: %2").arg(m_state.url, error));
    if (m_state.connected || !m_state.disconnectedSince.isValid())
        m_state.disconnectedSince = QDateTime::currentDateTimeUtc();
    m_state.connected = false;
    m_state.lastError = error;
}

QList<QByteArrayList> QueueMonitor::sampleCommands() const
{
    QList<QByteArrayList> commands;
    for (const auto &q : m_queues)
        for (int step : m_keyspace.prioritySteps())
            commands.append({"LLEN", m_keyspace.queueKey(q.queue, step)});
    // Values name the queue a prefetched message came from; the hash holds only
    // messages prefetched by workers, so it stays small.
    commands.append({"HVALS", m_keyspace.unackedKey()});
    return commands;
}

QList<QueueDepth> QueueMonitor::interpret(const QList<RedisValue> &replies) const
{
    QHash<QString, qint64> unacked;
    const RedisValue &unackedReply = replies.last();
    for (const auto &entry : unackedReply.elements)
        ++unacked[CeleryKeyspace::queueOfUnackedEntry(entry.string)];

    QList<QueueDepth> queues;
    qsizetype index = 0;
    for (const auto &q : m_queues) {
        QueueDepth depth;
        depth.name = q.queue;
        depth.tier = q.tier;
        depth.unacked = unacked.value(q.queue);
        for (int step : m_keyspace.prioritySteps()) {
            const RedisValue &reply = replies.at(index++);
            if (reply.isError()) {
                // e.g. WRONGTYPE: something that is not a Celery queue uses the name.
                depth.error = QStringLiteral("key '%1': %2")
                                  .arg(CeleryKeyspace::printable(m_keyspace.queueKey(q.queue, step)),
                                       QString::fromUtf8(reply.string));
                continue;
            }
            depth.byPriority.insert(step, reply.integer);
            depth.depth += reply.integer;
        }
        queues.append(depth);
    }
    if (unackedReply.isError())
        for (auto &q : queues)
            q.error = QStringLiteral("unacked: ") + QString::fromUtf8(unackedReply.string);
    return queues;
}

} // namespace e2i
