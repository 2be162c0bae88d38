#pragma once
// Asks the live workers which queues they consume, the way `celery inspect
// active_queues` does on Redis: the request is a kombu envelope PUBLISHed on
// the `celery.pidbox` fanout channel, each worker LPUSHes its answer to a reply
// list bound to a per-request routing key (control/PidboxRequest). Runs on a
// thread and connection of its own (blocking BRPOPs); asks once per interval,
// and is done early once every live worker it was told about has answered.
#include "QueueConsumers.h"
#include "control/PidboxRequest.h"
#include "redis/ReconnectBackoff.h"
#include "redis/RedisConnection.h"
#include "redis/RedisEndpoint.h"

#include <QJsonValue>
#include <QObject>

class QTimer;

namespace e2i {

class ConsumerProbe : public QObject
{
    Q_OBJECT
public:
    ConsumerProbe(RedisEndpoint endpoint, int intervalMs, int replyTimeoutMs, QObject *parent = nullptr);
    ~ConsumerProbe() override;
    // kombu's global_keyprefix (monitor.key_prefix): pidbox keys and channels are behind it.
    void setKeyPrefix(const QString &prefix) { m_keyPrefix = prefix; }

    // The queue names in one worker's `active_queues` answer.
    static QStringList queueNames(const QJsonValue &answer);

public Q_SLOTS:
    void start();
    void stop();
    void setLiveWorkers(const QStringList &hostnames);

Q_SIGNALS:
    void consumersUpdated(const e2i::QueueConsumers &consumers);

private:
    void tick();
    bool ensureOpen(QString *error);
    bool ask(QueueConsumers *result, QString *error);
    void collect(const PidboxRequest &request, QueueConsumers *result, QString *error);

    RedisEndpoint m_endpoint;
    QString m_keyPrefix;
    int m_intervalMs;
    int m_replyTimeoutMs;
    RedisConnection m_connection;
    ReconnectBackoff m_backoff;
    QTimer *m_timer = nullptr;
    QStringList m_live;
};

} // namespace e2i
