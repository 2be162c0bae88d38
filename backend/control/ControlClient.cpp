#include "ControlClient.h"

#include "PidboxReply.h"

#include <QDateTime>
#include <QDeadlineTimer>

namespace e2i {
namespace {

constexpr double kPollSeconds = 0.1; // one BRPOP; short, so heartbeats are read in between

bool allAnswered(const QStringList &expected, const ControlReplies &replies)
{
    for (const auto &host : expected)
        if (!replies.byWorker.contains(host))
            return false;
    return true;
}

} // namespace

ControlClient::ControlClient(RedisEndpoint endpoint, QString keyPrefix)
    : m_endpoint(std::move(endpoint))
    , m_keyPrefix(std::move(keyPrefix))
{
}

PidboxRequest ControlClient::request(const QString &method, const QJsonObject &arguments,
                                     const QStringList &destination) const
{
    const double expiresAt = QDateTime::currentMSecsSinceEpoch() / 1000.0 + m_replyTimeoutMs / 1000.0;
    PidboxRequest request(method, arguments, destination, expiresAt);
    request.setKeyPrefix(m_keyPrefix);
    return request;
}

ControlReplies ControlClient::call(const QString &method, const QJsonObject &arguments, const QStringList &destination)
{
    ControlReplies replies;
    replies.method = method;
    WorkerHeartbeats heartbeats;
    // Heartbeats first: a worker heard while the request travels is one we wait for.
    if ((!destination.isEmpty() || heartbeats.open(m_endpoint, m_keyPrefix, &replies.error))
        && m_connection.open(m_endpoint.url, m_endpoint.password, m_endpoint.timeoutMs, &replies.error)) {
        const PidboxRequest sent = request(method, arguments, destination);
        if (m_connection.pipeline(sent.sendCommands(m_endpoint.url.db), &replies.error)) {
            collect(sent, destination, destination.isEmpty() ? &heartbeats : nullptr, &replies);
            m_connection.pipeline(sent.cleanupCommands(), &replies.error);
        }
    }
    m_connection.close();
    for (const auto &host : std::as_const(replies.expected))
        if (!replies.byWorker.contains(host))
            replies.silent.append(host);
    return replies;
}

bool ControlClient::send(const QString &method, const QJsonObject &arguments, const QStringList &destination,
                         QString *error)
{
    if (!m_connection.open(m_endpoint.url, m_endpoint.password, m_endpoint.timeoutMs, error))
        return false;
    const PidboxRequest sent = request(method, arguments, destination);
    // Only the PUBLISH: with no reply wanted there is no reply list to declare.
    const bool ok = m_connection.command(sent.sendCommands(m_endpoint.url.db).last(), error).has_value();
    m_connection.close();
    return ok;
}

void ControlClient::collect(const PidboxRequest &request, const QStringList &destination, WorkerHeartbeats *heartbeats,
                            ControlReplies *replies)
{
    const QDeadlineTimer timeout(m_replyTimeoutMs);
    const QDeadlineTimer listening(heartbeats ? kHeartbeatListenMs : 0);
    replies->expected = destination;
    while (!timeout.hasExpired() || !listening.hasExpired()) {
        if (!readOneReply(request, replies))
            return;
        if (heartbeats) {
            if (!heartbeats->poll(&replies->error))
                return;
            replies->expected = heartbeats->alive();
        }
        if (listening.hasExpired() && allAnswered(replies->expected, *replies))
            return;
    }
}

bool ControlClient::readOneReply(const PidboxRequest &request, ControlReplies *replies)
{
    const auto reply = m_connection.command({"BRPOP", request.replyList(), QByteArray::number(kPollSeconds)}, &replies->error);
    if (!reply)
        return false;
    if (reply->type == RedisValue::Type::Array && reply->elements.size() == 2) {
        const auto answers = PidboxReply::parse(reply->elements.at(1).string, request.ticket());
        for (auto it = answers.begin(); it != answers.end(); ++it)
            replies->byWorker.insert(it.key(), it.value());
    }
    return true;
}

} // namespace e2i
