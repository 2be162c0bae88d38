#include "QueueMonitor.h"

#include "KombuBindings.h"

#include <QHash>
#include <QSet>
#include <QTimer>

namespace e2i {
namespace {

// Bindings change only when a queue is first declared: a scan every 10 samples
// finds a new queue within seconds and costs nothing between scans.
constexpr int kSamplesPerBindingScan = 10;
// SCAN calls per binding scan; with COUNT 1000, a keyspace of 100,000 keys. A
// larger one is scanned partly (bindings found later on another scan's luck are
// not worth blocking the sampler for).
constexpr int kMaxScanCalls = 100;

} // namespace

QueueMonitor::QueueMonitor(RedisEndpoint endpoint, CeleryKeyspace keyspace, QList<QueueAssignment> queues,
                           int intervalMs, QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_keyspace(std::move(keyspace))
    , m_queues(std::move(queues))
    , m_intervalMs(intervalMs)
    , m_outage(QStringLiteral("queue monitor"), m_endpoint.url.redacted())
{
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
    if (ensureConnected(snapshot.sampledAt)) {
        QString error;
        if (const auto replies = m_connection.pipeline(sampleCommands(), &error))
            snapshot.queues = interpret(*replies);
        else
            markDisconnected(snapshot.sampledAt, error);
    }
    if (m_connection.isOpen() && m_samplesUntilBindingScan-- <= 0) {
        m_samplesUntilBindingScan = kSamplesPerBindingScan - 1;
        QString error;
        snapshot.declaredQueues = declaredQueues(&error);
        if (!error.isEmpty())
            markDisconnected(snapshot.sampledAt, error);
    }
    snapshot.redis = state();
    return snapshot;
}

void QueueMonitor::setQueues(const QList<QueueAssignment> &queues)
{
    m_queues = queues;
}

QStringList QueueMonitor::declaredQueues(QString *error)
{
    QSet<QByteArray> keys;
    QByteArray cursor("0");
    const QByteArray pattern = KombuBindings::keyPattern(m_keyspace.keyPrefix());
    for (int call = 0; call < kMaxScanCalls; ++call) {
        const auto reply = m_connection.command({"SCAN", cursor, "MATCH", pattern, "COUNT", "1000"}, error);
        if (!reply || reply->isError() || reply->elements.size() != 2)
            return {};
        for (const auto &key : reply->elements[1].elements)
            keys.insert(key.string);
        cursor = reply->elements[0].string;
        if (cursor == "0")
            break;
    }
    QList<QByteArrayList> commands;
    for (const QByteArray &key : std::as_const(keys))
        commands.append({"SMEMBERS", key});
    QStringList queues;
    if (commands.isEmpty())
        return queues;
    const auto replies = m_connection.pipeline(commands, error);
    if (!replies)
        return {};
    for (const auto &members : *replies)
        for (const auto &member : members.elements)
            if (const QString queue = KombuBindings::workQueueOf(member.string); !queue.isEmpty() && !queues.contains(queue))
                queues.append(queue);
    queues.sort();
    return queues;
}

RedisState QueueMonitor::state() const
{
    RedisState state;
    state.url = m_endpoint.url.redacted();
    state.connected = m_connection.isOpen();
    state.disconnectedSince = m_outage.since();
    state.lastError = m_outage.lastError();
    return state;
}

bool QueueMonitor::ensureConnected(const QDateTime &now)
{
    if (m_connection.isOpen())
        return true;
    if (!m_backoff.mayTry(now.toMSecsSinceEpoch()))
        return false; // only after a failed attempt, so the outage is already recorded
    QString error;
    // open() ends with a verified PING, so a hung server never counts as connected.
    if (!m_connection.open(m_endpoint.url, m_endpoint.password, m_endpoint.timeoutMs, &error)) {
        m_backoff.failed(now.toMSecsSinceEpoch());
        markDisconnected(now, error);
        return false;
    }
    m_backoff.succeeded();
    m_outage.recovered(QDateTime::currentDateTimeUtc());
    return true;
}

void QueueMonitor::markDisconnected(const QDateTime &sampledAt, const QString &error)
{
    m_connection.close();
    m_outage.failed(sampledAt, error);
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
