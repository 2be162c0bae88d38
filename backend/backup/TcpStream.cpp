#include "TcpStream.h"

#include <QDeadlineTimer>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace e2i {
namespace {

QString systemError(const char *what)
{
    return QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromLocal8Bit(std::strerror(errno)));
}

const std::atomic_bool kNeverCancelled{false};

} // namespace

TcpStream::~TcpStream()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool TcpStream::connectTo(const QString &host, int port, int timeoutMs, QString *error)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *found = nullptr;
    const int rc = ::getaddrinfo(host.toUtf8().constData(), QByteArray::number(port).constData(), &hints, &found);
    if (rc != 0) {
        *error = QStringLiteral("cannot resolve %1: %2").arg(host, QString::fromLocal8Bit(gai_strerror(rc)));
        return false;
    }
    m_fd = ::socket(found->ai_family, found->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, found->ai_protocol);
    const bool started = m_fd >= 0 && (::connect(m_fd, found->ai_addr, found->ai_addrlen) == 0 || errno == EINPROGRESS);
    ::freeaddrinfo(found);
    if (!started) {
        *error = systemError("connect");
        return false;
    }
    if (waitFor(POLLOUT, timeoutMs, kNeverCancelled) != Wait::Ready) {
        *error = QStringLiteral("connect to %1:%2 timed out after %3 ms").arg(host).arg(port).arg(timeoutMs);
        return false;
    }
    int socketError = 0;
    socklen_t length = sizeof socketError;
    ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &socketError, &length);
    if (socketError != 0) {
        *error = QStringLiteral("connect to %1:%2: %3").arg(host).arg(port).arg(QString::fromLocal8Bit(std::strerror(socketError)));
        return false;
    }
    return true;
}

TcpStream::Wait TcpStream::waitFor(short events, int timeoutMs, const std::atomic_bool &cancel) const
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!cancel.load()) {
        pollfd descriptor{m_fd, events, 0};
        const int slice = int(qMin<qint64>(kCancelSliceMs, deadline.remainingTime()));
        const int ready = ::poll(&descriptor, 1, slice);
        if (ready > 0)
            return (descriptor.revents & (events | POLLHUP | POLLERR)) ? Wait::Ready : Wait::Failed;
        if (ready < 0 && errno != EINTR)
            return Wait::Failed;
        if (deadline.hasExpired())
            return Wait::TimedOut;
    }
    return Wait::Cancelled;
}

bool TcpStream::writeAll(const QByteArray &data, int timeoutMs, QString *error)
{
    for (qsizetype written = 0; written < data.size();) {
        if (waitFor(POLLOUT, timeoutMs, kNeverCancelled) != Wait::Ready) {
            *error = QStringLiteral("write timed out after %1 ms").arg(timeoutMs);
            return false;
        }
        const ssize_t sent = ::send(m_fd, data.constData() + written, size_t(data.size() - written), MSG_NOSIGNAL);
        if (sent < 0 && errno != EAGAIN && errno != EINTR) {
            *error = systemError("write");
            return false;
        }
        written += qMax<ssize_t>(sent, 0);
    }
    return true;
}

qint64 TcpStream::readSome(char *buffer, qint64 capacity, int timeoutMs, const std::atomic_bool &cancel, QString *error)
{
    for (;;) {
        const ssize_t got = ::recv(m_fd, buffer, size_t(capacity), 0);
        if (got > 0)
            return got;
        if (got == 0) {
            *error = QStringLiteral("the server closed the connection");
            return -1;
        }
        if (errno != EAGAIN && errno != EINTR) {
            *error = systemError("read");
            return -1;
        }
        switch (waitFor(POLLIN, timeoutMs, cancel)) {
        case Wait::Ready:
            continue;
        case Wait::Cancelled:
            error->clear();
            return 0;
        case Wait::TimedOut:
            *error = QStringLiteral("no data from the server for %1 ms").arg(timeoutMs);
            return -1;
        case Wait::Failed:
            *error = systemError("poll");
            return -1;
        }
    }
}

bool TcpStream::readLine(QByteArray *line, int timeoutMs, const std::atomic_bool &cancel, QString *error)
{
    char chunk[4096];
    qsizetype end;
    while ((end = m_buffered.indexOf('\n')) < 0) {
        const qint64 got = readSome(chunk, sizeof chunk, timeoutMs, cancel, error);
        if (got <= 0)
            return false;
        m_buffered.append(chunk, got);
    }
    *line = m_buffered.left(end);
    if (line->endsWith('\r'))
        line->chop(1);
    m_buffered.remove(0, end + 1);
    return true;
}

QByteArray TcpStream::takeBuffered()
{
    return std::exchange(m_buffered, {});
}

} // namespace e2i
