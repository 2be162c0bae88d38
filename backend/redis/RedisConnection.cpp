#include "redis/RedisConnection.h"

#include "redis/RedisUrl.h"

#include <hiredis.h>

#include <vector>

namespace e2i {
namespace {

RedisValue convert(const redisReply *reply)
{
    RedisValue value;
    switch (reply->type) {
    case REDIS_REPLY_INTEGER:
        value.type = RedisValue::Type::Integer;
        value.integer = reply->integer;
        break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
        value.type = reply->type == REDIS_REPLY_STRING ? RedisValue::Type::String
                   : reply->type == REDIS_REPLY_STATUS ? RedisValue::Type::Status
                                                       : RedisValue::Type::Error;
        value.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_ARRAY:
        value.type = RedisValue::Type::Array;
        value.elements.reserve(qsizetype(reply->elements));
        for (size_t i = 0; i < reply->elements; ++i)
            value.elements.append(convert(reply->element[i]));
        break;
    default:
        break;
    }
    return value;
}

timeval toTimeval(int ms)
{
    return timeval{ms / 1000, (ms % 1000) * 1000};
}

} // namespace

RedisConnection::~RedisConnection()
{
    close();
}

bool RedisConnection::connectSocket(const RedisUrl &url, int timeoutMs, QString *error)
{
    close();
    m_context = redisConnectWithTimeout(url.host.toUtf8().constData(), url.port, toTimeval(timeoutMs));
    if (!m_context || m_context->err) {
        *error = m_context ? QString::fromUtf8(m_context->errstr) : QStringLiteral("out of memory");
        close();
        return false;
    }
    redisSetTimeout(m_context, toTimeval(timeoutMs));
    redisEnableKeepAlive(m_context);
    return true;
}

bool RedisConnection::open(const RedisUrl &url, const QString &password, int timeoutMs, QString *error)
{
    if (!connectSocket(url, timeoutMs, error))
        return false;
    QList<QByteArrayList> setup;
    if (!password.isEmpty()) {
        setup.append(url.username.isEmpty()
                         ? QByteArrayList{"AUTH", password.toUtf8()}
                         : QByteArrayList{"AUTH", url.username.toUtf8(), password.toUtf8()});
    }
    if (url.db != 0)
        setup.append({"SELECT", QByteArray::number(url.db)});
    // The kernel completes the TCP handshake for a server that is stopped or hung,
    // so a connect proves nothing: the connection counts only once PING is answered
    // within the timeout.
    setup.append({"PING"});
    const auto replies = pipeline(setup, error);
    if (!replies)
        return false;
    for (const auto &reply : *replies) {
        if (reply.isError()) {
            // The server's own message never contains the password.
            *error = QString::fromUtf8(reply.string);
            close();
            return false;
        }
    }
    if (replies->last().string != "PONG") {
        *error = QStringLiteral("unexpected answer to PING: ") + QString::fromUtf8(replies->last().string.left(80));
        close();
        return false;
    }
    return true;
}

void RedisConnection::close()
{
    if (m_context)
        redisFree(m_context);
    m_context = nullptr;
}

int RedisConnection::socketDescriptor() const
{
    return m_context ? m_context->fd : -1;
}

bool RedisConnection::append(const QByteArrayList &argv)
{
    std::vector<const char *> args;
    std::vector<size_t> lengths;
    for (const auto &a : argv) {
        args.push_back(a.constData());
        lengths.push_back(size_t(a.size()));
    }
    return redisAppendCommandArgv(m_context, int(args.size()), args.data(), lengths.data()) == REDIS_OK;
}

bool RedisConnection::flush(QString *error)
{
    int done = 0;
    while (!done) {
        if (redisBufferWrite(m_context, &done) != REDIS_OK) {
            *error = transportError();
            close();
            return false;
        }
    }
    return true;
}

QString RedisConnection::transportError() const
{
    if (!m_context)
        return QStringLiteral("not connected");
    const QString text = QString::fromUtf8(m_context->errstr);
    if (m_context->err == REDIS_ERR_IO && text.contains(QStringLiteral("temporarily unavailable")))
        return QStringLiteral("timed out waiting for Redis");
    return text.isEmpty() ? QStringLiteral("connection lost") : text;
}

std::optional<QList<RedisValue>> RedisConnection::pipeline(const QList<QByteArrayList> &commands, QString *error)
{
    if (!m_context) {
        *error = QStringLiteral("not connected");
        return std::nullopt;
    }
    for (const auto &argv : commands) {
        if (!append(argv)) {
            *error = transportError();
            close();
            return std::nullopt;
        }
    }
    QList<RedisValue> replies;
    replies.reserve(commands.size());
    for (qsizetype i = 0; i < commands.size(); ++i) {
        void *raw = nullptr;
        if (redisGetReply(m_context, &raw) != REDIS_OK || !raw) {
            *error = transportError();
            close();
            return std::nullopt;
        }
        auto *reply = static_cast<redisReply *>(raw);
        replies.append(convert(reply));
        freeReplyObject(reply);
    }
    return replies;
}

std::optional<RedisValue> RedisConnection::command(const QByteArrayList &argv, QString *error)
{
    auto replies = pipeline({argv}, error);
    if (!replies)
        return std::nullopt;
    return replies->first();
}

bool RedisConnection::send(const QByteArrayList &argv, QString *error)
{
    if (!m_context) {
        *error = QStringLiteral("not connected");
        return false;
    }
    if (!append(argv)) {
        *error = transportError();
        close();
        return false;
    }
    return flush(error);
}

bool RedisConnection::readAvailable(QList<RedisValue> *replies, QString *error)
{
    if (!m_context) {
        *error = QStringLiteral("not connected");
        return false;
    }
    if (redisBufferRead(m_context) != REDIS_OK) {
        *error = transportError();
        close();
        return false;
    }
    for (;;) {
        void *raw = nullptr;
        if (redisGetReplyFromReader(m_context, &raw) != REDIS_OK) {
            *error = transportError();
            close();
            return false;
        }
        if (!raw)
            return true;
        auto *reply = static_cast<redisReply *>(raw);
        replies->append(convert(reply));
        freeReplyObject(reply);
    }
}

} // namespace e2i
