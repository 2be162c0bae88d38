#include "BgsaveCopier.h"

#include "Sha256.h"
#include "redis/RedisConnection.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QThread>

#include <unistd.h>

namespace e2i {
namespace {

constexpr qint64 kChunkSize = 1 << 20;
constexpr int kPollMs = 100;

// The fields of INFO persistence this copier reads.
struct SaveState {
    qint64 lastSaveTime = 0;
    bool inProgress = false;
    bool lastStatusOk = true;
};

// One copy: the connection, the deadline and the result being filled in.
class Copy
{
public:
    Copy(const RedisEndpoint &source, int timeoutMs, const std::atomic_bool &cancel, PullResult &result)
        : m_source(source), m_timeoutMs(timeoutMs), m_deadline(timeoutMs), m_cancel(cancel), m_result(result)
    {
    }

    bool connect()
    {
        QString error;
        if (!m_connection.open(m_source.url, m_source.password, m_source.timeoutMs, &error))
            return fail(error);
        const auto size = ask({"DBSIZE"});
        if (size)
            m_result.keysAtStart = size->integer;
        return size.has_value();
    }

    std::optional<QString> dumpPath()
    {
        const auto dir = ask({"CONFIG", "GET", "dir"});
        const auto file = dir ? ask({"CONFIG", "GET", "dbfilename"}) : std::nullopt;
        if (!file)
            return std::nullopt;
        if (dir->elements.size() != 2 || file->elements.size() != 2) {
            fail(QStringLiteral("CONFIG GET did not name the dump: set data_dir in backup.yml"));
            return std::nullopt;
        }
        return QDir(QString::fromUtf8(dir->elements[1].string)).filePath(QString::fromUtf8(file->elements[1].string));
    }

    // BGSAVE, then wait for a save that ended after the request.
    bool save()
    {
        for (;;) {
            const auto asked = secondAfterLastSave();
            const auto reply = asked ? ask({"BGSAVE", "SCHEDULE"}, /*errorIsFailure=*/false) : std::nullopt;
            if (!reply)
                return false;
            if (!reply->isError())
                return waitForSaveAfter(*asked, reply->string.contains("started"));
            if (!reply->string.contains("already in progress"))
                return fail(QStringLiteral("BGSAVE: ") + QString::fromUtf8(reply->string));
            if (!waitWhileSaving())
                return false;
        }
    }

    bool fail(const QString &error)
    {
        m_result.cancelled = m_cancel.load();
        m_result.error = m_result.cancelled ? QStringLiteral("cancelled") : error;
        return false;
    }

    bool shouldStop()
    {
        if (m_cancel.load())
            return !fail(QString());
        if (m_deadline.hasExpired())
            return !fail(QStringLiteral("no save finished within %1 ms (the target's timeout_ms)").arg(m_timeoutMs));
        return false;
    }

private:
    std::optional<RedisValue> ask(const QByteArrayList &argv, bool errorIsFailure = true)
    {
        QString error;
        auto reply = m_connection.command(argv, &error);
        if (!reply) {
            fail(QStringLiteral("%1: %2").arg(QString::fromUtf8(argv.join(' ')), error));
            return std::nullopt;
        }
        if (errorIsFailure && reply->isError()) {
            fail(QStringLiteral("%1: %2").arg(QString::fromUtf8(argv.join(' ')), QString::fromUtf8(reply->string)));
            return std::nullopt;
        }
        return reply;
    }

    std::optional<qint64> serverTime()
    {
        const auto time = ask({"TIME"});
        if (time && time->elements.size() == 2)
            return time->elements[0].string.toLongLong();
        if (time)
            fail(QStringLiteral("TIME: unexpected reply"));
        return std::nullopt;
    }

    // LASTSAVE has a resolution of one second: a save that ends in the second it
    // was asked for could not be told from one that ended just before. So the
    // request waits until the server's clock has left the last save's second;
    // then any save that ends at or after the request's second is a new one.
    std::optional<qint64> secondAfterLastSave()
    {
        const auto state = saveState();
        if (!state)
            return std::nullopt;
        for (;;) {
            const auto now = serverTime();
            if (!now || *now > state->lastSaveTime)
                return now;
            if (shouldStop())
                return std::nullopt;
            QThread::msleep(kPollMs);
        }
    }

    std::optional<SaveState> saveState()
    {
        const auto info = ask({"INFO", "persistence"});
        if (!info)
            return std::nullopt;
        QHash<QByteArray, QByteArray> fields;
        for (const QByteArray &line : info->string.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                fields.insert(line.left(colon), line.mid(colon + 1).trimmed());
        }
        return SaveState{fields.value("rdb_last_save_time").toLongLong(), fields.value("rdb_bgsave_in_progress") == "1",
                         fields.value("rdb_last_bgsave_status") == "ok"};
    }

    bool waitWhileSaving()
    {
        for (;;) {
            const auto state = saveState();
            if (!state)
                return false;
            if (!state->inProgress)
                return true;
            if (shouldStop())
                return false;
            QThread::msleep(kPollMs);
        }
    }

    // `started`: BGSAVE answered "started" rather than "scheduled" (behind an AOF
    // rewrite), so a failed status with no save running is this save's failure.
    bool waitForSaveAfter(qint64 askedAt, bool started)
    {
        for (;;) {
            const auto state = saveState();
            if (!state)
                return false;
            if (state->lastSaveTime >= askedAt && !state->inProgress)
                return state->lastStatusOk || fail(QStringLiteral("the server's BGSAVE failed (rdb_last_bgsave_status:err); see its log"));
            if (started && !state->inProgress && !state->lastStatusOk)
                return fail(QStringLiteral("the server's BGSAVE failed (rdb_last_bgsave_status:err); see its log"));
            if (shouldStop())
                return false;
            QThread::msleep(kPollMs);
        }
    }

    const RedisEndpoint &m_source;
    const int m_timeoutMs;
    QDeadlineTimer m_deadline;
    const std::atomic_bool &m_cancel;
    PullResult &m_result;
    RedisConnection m_connection;
};

bool copyFile(const QString &from, QFile &to, const std::atomic_bool &cancel, const ReplicationPuller::Progress &progress,
              PullResult &result)
{
    QFile dump(from);
    if (!dump.open(QIODevice::ReadOnly)) {
        result.error = QStringLiteral("cannot read the dump %1: %2").arg(from, dump.errorString());
        return false;
    }
    const qint64 total = dump.size();
    Sha256 hash;
    QByteArray buffer(kChunkSize, Qt::Uninitialized);
    for (qint64 got; (got = dump.read(buffer.data(), kChunkSize)) > 0;) {
        if (cancel.load()) {
            result.cancelled = true;
            result.error = QStringLiteral("cancelled");
            return false;
        }
        if (to.write(buffer.constData(), got) != got) {
            result.error = QStringLiteral("writing %1: %2").arg(to.fileName(), to.errorString());
            return false;
        }
        hash.addData(QByteArrayView(buffer.constData(), got));
        result.bytes += got;
        if (progress)
            progress(result.bytes, total);
    }
    if (result.bytes != total || !to.flush() || ::fsync(to.handle()) != 0) {
        result.error = QStringLiteral("copying %1: %2 of %3 bytes").arg(from).arg(result.bytes).arg(total);
        return false;
    }
    result.sha256 = hash.hexResult();
    return true;
}

} // namespace

PullResult BgsaveCopier::copy(const RedisEndpoint &source, const QString &dumpPath, const QString &outputPath, int timeoutMs,
                              const std::atomic_bool &cancel, const ReplicationPuller::Progress &progress)
{
    PullResult result;
    Copy copy(source, timeoutMs, cancel, result);
    if (!copy.connect())
        return result;
    const std::optional<QString> dump = dumpPath.isEmpty() ? copy.dumpPath() : std::optional<QString>(dumpPath);
    if (!dump || !copy.save())
        return result;
    QFile file(outputPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        result.error = QStringLiteral("cannot create %1: %2").arg(outputPath, file.errorString());
        return result;
    }
    result.ok = copyFile(*dump, file, cancel, progress, result);
    if (!result.ok) {
        file.close();
        file.remove();
    }
    return result;
}

} // namespace e2i
