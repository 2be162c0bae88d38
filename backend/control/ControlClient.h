#pragma once
// Celery's remote control (`celery inspect` / `celery control`) over Redis,
// blocking: each call opens its own connections, sends one PidboxRequest and
// collects the answers until every expected worker answered or the reply
// timeout passed. Expected are the workers named as destination; without a
// destination, every worker heard heartbeating during the call (one heartbeat
// period is listened to), so a worker that is alive but no longer answers is
// named. Never call from the GUI thread.
#include "ControlReplies.h"
#include "PidboxRequest.h"
#include "WorkerHeartbeats.h"
#include "redis/RedisEndpoint.h"

#include <QJsonObject>

namespace e2i {

class ControlClient
{
public:
    static constexpr int kDefaultReplyTimeoutMs = 2000;
    static constexpr int kHeartbeatListenMs = 2200; // Celery's 2 s heartbeat period and a margin

    // keyPrefix: kombu's global_keyprefix of the platform (monitor.key_prefix).
    explicit ControlClient(RedisEndpoint endpoint, QString keyPrefix = {});
    void setReplyTimeoutMs(int ms) { m_replyTimeoutMs = ms; }

    // destination: the hostnames to address; empty = every worker.
    ControlReplies call(const QString &method, const QJsonObject &arguments, const QStringList &destination);
    // For methods Celery's workers never answer (shutdown): published, not collected.
    bool send(const QString &method, const QJsonObject &arguments, const QStringList &destination, QString *error);

private:
    PidboxRequest request(const QString &method, const QJsonObject &arguments, const QStringList &destination) const;
    void collect(const PidboxRequest &request, const QStringList &destination, WorkerHeartbeats *heartbeats,
                 ControlReplies *replies);
    bool readOneReply(const PidboxRequest &request, ControlReplies *replies);

    RedisEndpoint m_endpoint;
    QString m_keyPrefix;
    int m_replyTimeoutMs = kDefaultReplyTimeoutMs;
    RedisConnection m_connection;
};

} // namespace e2i
