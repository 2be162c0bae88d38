#pragma once
// Samples Celery queue depths (every priority sub-queue) and unacked messages
// in one pipelined round trip per interval; every few samples it also lists the
// queues kombu has declared (KombuBindings), so queues no file names are found. Lives on its own thread: create it,
// moveToThread(), then invoke start() through the event loop.
#include "CeleryKeyspace.h"
#include "QueueAssignment.h"
#include "QueueSnapshot.h"
#include "redis/ReconnectBackoff.h"
#include "redis/RedisConnection.h"
#include "redis/RedisEndpoint.h"
#include "RedisOutage.h"

#include <QObject>

#include <memory>

class QTimer;

namespace e2i {

class QueueMonitor : public QObject
{
    Q_OBJECT
public:
    QueueMonitor(RedisEndpoint endpoint, CeleryKeyspace keyspace, QList<QueueAssignment> queues,
                 int intervalMs, QObject *parent = nullptr);
    ~QueueMonitor() override;

    // One sample now, on the calling thread (used by start()'s timer and by benchmarks).
    QueueSnapshot sampleOnce();

public Q_SLOTS:
    void start();
    void stop();
    // The queues to sample from the next sample on (tiers found on the live platform).
    void setQueues(const QList<e2i::QueueAssignment> &queues);

Q_SIGNALS:
    void queuesSampled(const e2i::QueueSnapshot &snapshot);

private:
    bool ensureConnected(const QDateTime &now);
    QList<QByteArrayList> sampleCommands() const;
    QList<QueueDepth> interpret(const QList<RedisValue> &replies) const;
    void markDisconnected(const QDateTime &sampledAt, const QString &error);
    RedisState state() const;
    QStringList declaredQueues(QString *error);

    RedisEndpoint m_endpoint;
    CeleryKeyspace m_keyspace;
    QList<QueueAssignment> m_queues;
    int m_intervalMs;
    RedisConnection m_connection;
    ReconnectBackoff m_backoff;
    RedisOutage m_outage;
    QTimer *m_timer = nullptr;
    int m_samplesUntilBindingScan = 0;
};

} // namespace e2i
