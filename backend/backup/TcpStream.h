#pragma once
// A blocking TCP client socket whose every wait is bounded, for the
// replication stream: bulk reads straight into the caller's buffer, without
// the copies and event-loop round trips of QTcpSocket, so a backup pull keeps
// up with `redis-cli --rdb`. Waits are sliced so a cancel flag is honoured
// within kCancelSliceMs.
#include <QByteArray>
#include <QString>

#include <atomic>

namespace e2i {

class TcpStream
{
public:
    static constexpr int kCancelSliceMs = 100;

    TcpStream() = default;
    ~TcpStream();
    TcpStream(const TcpStream &) = delete;
    TcpStream &operator=(const TcpStream &) = delete;

    bool connectTo(const QString &host, int port, int timeoutMs, QString *error);
    bool writeAll(const QByteArray &data, int timeoutMs, QString *error);
    // Reads at most `capacity` bytes; 0 with *error empty means cancelled.
    qint64 readSome(char *buffer, qint64 capacity, int timeoutMs, const std::atomic_bool &cancel, QString *error);
    // One line without its "\r\n", from the bytes already received and buffered here.
    bool readLine(QByteArray *line, int timeoutMs, const std::atomic_bool &cancel, QString *error);
    // Bytes that readLine buffered beyond the line; the caller consumes them first.
    QByteArray takeBuffered();

private:
    enum class Wait { Ready, TimedOut, Cancelled, Failed };
    Wait waitFor(short events, int timeoutMs, const std::atomic_bool &cancel) const;

    int m_fd = -1;
    QByteArray m_buffered;
};

} // namespace e2i
