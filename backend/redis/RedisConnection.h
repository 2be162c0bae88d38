#pragma once
// A blocking hiredis connection whose every wait is bounded by a timeout.
// Used only from a monitor's own thread, never from the GUI thread.
#include "redis/RedisValue.h"

#include <QByteArrayList>
#include <QList>
#include <QString>

#include <optional>

struct redisContext;

namespace e2i {

struct RedisUrl;

class RedisConnection
{
public:
    RedisConnection() = default;
    ~RedisConnection();
    RedisConnection(const RedisConnection &) = delete;
    RedisConnection &operator=(const RedisConnection &) = delete;

    // Connects, authenticates (when a password is given), selects the URL's db and
    // proves the server answers with a PING. Only then is the connection open: a
    // stopped (SIGSTOP) or wedged server still accepts TCP connections.
    bool open(const RedisUrl &url, const QString &password, int timeoutMs, QString *error);
    // Only the TCP connection with its timeouts, no command sent (for a prober that
    // sends its own PING and reads NOAUTH as an answer).
    bool connectSocket(const RedisUrl &url, int timeoutMs, QString *error);
    void close();
    bool isOpen() const { return m_context != nullptr; }
    int socketDescriptor() const;

    // Sends every command, then reads every reply: one round trip. On a
    // transport error the connection is closed and nullopt returned.
    std::optional<QList<RedisValue>> pipeline(const QList<QByteArrayList> &commands, QString *error);
    std::optional<RedisValue> command(const QByteArrayList &argv, QString *error);

    // For subscribers: write a command without waiting for its reply, and
    // collect whatever replies are already readable (call when the socket is readable).
    bool send(const QByteArrayList &argv, QString *error);
    bool readAvailable(QList<RedisValue> *replies, QString *error);

private:
    bool append(const QByteArrayList &argv);
    bool flush(QString *error);
    QString transportError() const;

    redisContext *m_context = nullptr;
};

} // namespace e2i
