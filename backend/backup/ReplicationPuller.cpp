#include "ReplicationPuller.h"

#include "Sha256.h"
#include "TcpStream.h"

#include <QFile>

#include <cstring>
#include <unistd.h>

namespace e2i {
namespace {

constexpr qint64 kChunkSize = 1 << 20;
constexpr qsizetype kEofMarkLength = 40;

QByteArray resp(const QByteArrayList &argv)
{
    QByteArray out = '*' + QByteArray::number(argv.size()) + "\r\n";
    for (const QByteArray &arg : argv)
        out += '$' + QByteArray::number(arg.size()) + "\r\n" + arg + "\r\n";
    return out;
}

// The state of one transfer: socket, output file and running hash.
class Transfer
{
public:
    Transfer(const RedisEndpoint &source, QFile &file, int idleTimeoutMs, const std::atomic_bool &cancel,
             const ReplicationPuller::Progress &progress)
        : m_source(source), m_file(file), m_idleTimeoutMs(idleTimeoutMs), m_cancel(cancel), m_progress(progress)
    {
    }

    bool run(PullResult &result)
    {
        if (!handshake(result))
            return false;
        QByteArray header;
        if (!readSyncHeader(&header, result))
            return false;
        result.diskless = header.startsWith("$EOF:");
        if (result.diskless)
            return streamUntilMark(header.mid(5), result);
        bool numeric = false;
        const qint64 length = header.mid(1).toLongLong(&numeric);
        if (!header.startsWith('$') || !numeric || length < 0)
            return fail(result, QStringLiteral("unexpected reply to SYNC: '%1'").arg(QString::fromUtf8(header.left(80))));
        return streamLength(length, result);
    }

private:
    bool fail(PullResult &result, const QString &error)
    {
        result.cancelled = error.isEmpty() && m_cancel.load();
        result.error = result.cancelled ? QStringLiteral("cancelled") : error;
        return false;
    }

    std::optional<QByteArray> ask(const QByteArrayList &argv, PullResult &result)
    {
        QString error;
        QByteArray line;
        if (!m_socket.writeAll(resp(argv), m_source.timeoutMs, &error) || !m_socket.readLine(&line, m_source.timeoutMs, m_cancel, &error)) {
            fail(result, error.isEmpty() ? QString() : QStringLiteral("%1: %2").arg(QString::fromUtf8(argv.first()), error));
            return std::nullopt;
        }
        return line;
    }

    bool handshake(PullResult &result)
    {
        QString error;
        if (!m_socket.connectTo(m_source.url.host, m_source.url.port, m_source.timeoutMs, &error))
            return fail(result, error);
        if (!m_source.password.isEmpty()) {
            QByteArrayList auth{"AUTH"};
            if (!m_source.url.username.isEmpty())
                auth.append(m_source.url.username.toUtf8());
            auth.append(m_source.password.toUtf8());
            const auto reply = ask(auth, result);
            if (!reply)
                return false;
            if (!reply->startsWith('+'))
                return fail(result, QStringLiteral("authentication failed: ") + QString::fromUtf8(*reply));
        }
        const auto select = ask({"SELECT", QByteArray::number(m_source.url.db)}, result);
        if (!select)
            return false;
        if (!select->startsWith('+'))
            return fail(result, QStringLiteral("SELECT %1 failed: %2").arg(m_source.url.db).arg(QString::fromUtf8(*select)));
        const auto size = ask({"DBSIZE"}, result);
        if (!size)
            return false;
        if (!size->startsWith(':'))
            return fail(result, QStringLiteral("DBSIZE failed: ") + QString::fromUtf8(*size));
        result.keysAtStart = size->mid(1).toLongLong();
        // Older servers answer -ERR to rdb-only; they then stream commands after the dump, which we never read.
        return ask({"REPLCONF", "capa", "eof"}, result) && ask({"REPLCONF", "rdb-only", "1"}, result);
    }

    bool readSyncHeader(QByteArray *header, PullResult &result)
    {
        QString error;
        if (!m_socket.writeAll("SYNC\r\n", m_source.timeoutMs, &error))
            return fail(result, QStringLiteral("SYNC: ") + error);
        do {
            if (!m_socket.readLine(header, m_idleTimeoutMs, m_cancel, &error))
                return fail(result, error.isEmpty() ? QString() : QStringLiteral("waiting for the dump: ") + error);
        } while (header->isEmpty()); // keep-alive newlines while the server prepares the dump
        if (header->startsWith('-'))
            return fail(result, QStringLiteral("the server refused SYNC: ") + QString::fromUtf8(header->mid(1)));
        return true;
    }

    bool write(const char *data, qint64 length, PullResult &result)
    {
        if (length <= 0)
            return true;
        if (m_file.write(data, length) != length)
            return fail(result, QStringLiteral("writing %1: %2").arg(m_file.fileName(), m_file.errorString()));
        m_hash.addData(QByteArrayView(data, length));
        result.bytes += length;
        return true;
    }

    bool streamLength(qint64 length, PullResult &result)
    {
        const QByteArray early = m_socket.takeBuffered().left(length);
        if (!write(early.constData(), early.size(), result))
            return false;
        QByteArray buffer(kChunkSize, Qt::Uninitialized);
        while (result.bytes < length) {
            QString error;
            const qint64 got = m_socket.readSome(buffer.data(), qMin(kChunkSize, length - result.bytes), m_idleTimeoutMs, m_cancel, &error);
            if (got <= 0)
                return fail(result, error.isEmpty() ? QString() : QStringLiteral("after %1 of %2 bytes: %3").arg(result.bytes).arg(length).arg(error));
            if (!write(buffer.constData(), got, result))
                return false;
            report(length, result);
        }
        return finish(result);
    }

    // Diskless: the dump ends where the last 40 bytes received equal the mark, so
    // the last 40 bytes are held back until more data proves they are dump bytes.
    bool streamUntilMark(const QByteArray &mark, PullResult &result)
    {
        if (mark.size() != kEofMarkLength)
            return fail(result, QStringLiteral("malformed diskless header: EOF mark of %1 bytes").arg(mark.size()));
        QByteArray buffer(kEofMarkLength + kChunkSize, Qt::Uninitialized);
        QByteArray early = m_socket.takeBuffered();
        for (qint64 held = 0;;) {
            qint64 got = 0;
            if (!early.isEmpty()) {
                got = qMin<qint64>(early.size(), kChunkSize);
                std::memcpy(buffer.data() + held, early.constData(), size_t(got));
                early.remove(0, got);
            } else {
                QString error;
                got = m_socket.readSome(buffer.data() + held, kChunkSize, m_idleTimeoutMs, m_cancel, &error);
                if (got <= 0)
                    return fail(result, error.isEmpty() ? QString() : QStringLiteral("after %1 bytes: %2").arg(result.bytes).arg(error));
            }
            const qint64 available = held + got;
            const bool ended = available >= kEofMarkLength
                && std::memcmp(buffer.constData() + available - kEofMarkLength, mark.constData(), kEofMarkLength) == 0;
            held = qMin<qint64>(available, kEofMarkLength);
            if (!write(buffer.constData(), available - held, result))
                return false;
            if (ended)
                return finish(result);
            std::memmove(buffer.data(), buffer.constData() + available - held, size_t(held));
            report(0, result);
        }
    }

    void report(qint64 total, const PullResult &result)
    {
        if (m_progress)
            m_progress(result.bytes, total);
    }

    bool finish(PullResult &result)
    {
        if (!m_file.flush() || ::fsync(m_file.handle()) != 0)
            return fail(result, QStringLiteral("flushing %1: %2").arg(m_file.fileName(), m_file.errorString()));
        result.sha256 = m_hash.hexResult();
        result.ok = true;
        return true;
    }

    const RedisEndpoint &m_source;
    QFile &m_file;
    const int m_idleTimeoutMs;
    const std::atomic_bool &m_cancel;
    const ReplicationPuller::Progress &m_progress;
    TcpStream m_socket;
    Sha256 m_hash;
};

} // namespace

PullResult ReplicationPuller::pull(const RedisEndpoint &source, const QString &outputPath, int idleTimeoutMs,
                                   const std::atomic_bool &cancel, const Progress &progress)
{
    PullResult result;
    QFile file(outputPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        result.error = QStringLiteral("cannot create %1: %2").arg(outputPath, file.errorString());
        return result;
    }
    Transfer transfer(source, file, idleTimeoutMs, cancel, progress);
    if (!transfer.run(result)) {
        file.close();
        file.remove();
    }
    return result;
}

} // namespace e2i
