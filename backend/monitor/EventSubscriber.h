#pragma once
// Listens to Celery's event channels on a connection of its own (so it never
// starves the queue sampler), keeps the WorkerRegistry and publishes a
// WorkerSnapshot every interval. A PING each interval proves the subscription
// is alive; no answer (or other traffic) within an interval plus the timeout
// means it is reported disconnected and reconnected with backoff.
#include "redis/RedisConnection.h"
#include "redis/RedisEndpoint.h"
#include "redis/ReconnectBackoff.h"
#include "RedisOutage.h"
#include "WorkerRegistry.h"
#include "WorkerSnapshot.h"
#include "flow/TaskFlow.h"
#include "flow/TaskLookup.h"

#include <QObject>

class QSocketNotifier;
class QTimer;

namespace e2i {

class EventSubscriber : public QObject
{
    Q_OBJECT
public:
    EventSubscriber(RedisEndpoint endpoint, QHash<QString, QString> prefixToTier, int intervalMs,
                    QObject *parent = nullptr);
    // Task events go into a TaskFlow with these settings and queue -> tier map.
    void setFlow(const FlowSettings &settings, QHash<QString, QString> queueToTier);
    // kombu's global_keyprefix (monitor.key_prefix): it prefixes the event channels too.
    void setKeyPrefix(const QString &prefix) { m_keyPrefix = prefix; }
    ~EventSubscriber() override;


public Q_SLOTS:
    void start();
    void stop();
    void lookupTask(const QString &taskId); // answered by taskLookedUp
    // The queue -> tier map as discovery changes it: later task events count to
    // the tiers of queues found on the live platform.
    void setQueueTiers(const QHash<QString, QString> &queueToTier) { m_flow.setQueueTiers(queueToTier); }

Q_SIGNALS:
    void workersUpdated(const e2i::WorkerSnapshot &snapshot);
    void flowUpdated(const e2i::TaskFlowSnapshot &snapshot); // every interval, after workersUpdated
    void taskEventSeen(const e2i::TaskEventLine &event);      // as each task event arrives
    void taskLookedUp(const e2i::TaskLookup &result);

private:
    void tick();
    bool subscribe(const QDateTime &now);
    void checkAlive(const QDateTime &now);
    void disconnectWith(const QDateTime &at, const QString &error);
    void onReadable();
    void handle(const RedisValue &reply);

    RedisEndpoint m_endpoint;
    QString m_keyPrefix;
    WorkerRegistry m_registry;
    TaskFlow m_flow;
    QHash<QString, QString> m_prefixToTier;
    int m_intervalMs;
    RedisConnection m_connection;
    ReconnectBackoff m_backoff;
    QSocketNotifier *m_notifier = nullptr;
    QTimer *m_timer = nullptr;
    QDateTime m_listeningSince;
    QDateTime m_lastPong;
    RedisOutage m_outage;
};

} // namespace e2i
