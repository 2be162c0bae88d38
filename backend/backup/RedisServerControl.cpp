#include "RedisServerControl.h"

#include "redis/RedisConnection.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QThread>

#include <cstdio>
#include <unistd.h>

namespace e2i {
namespace {

constexpr int kRetrySleepMs = 100;

bool connect(RedisConnection &connection, const RedisEndpoint &endpoint, QString *error)
{
    return connection.open(endpoint.url, endpoint.password, endpoint.timeoutMs, error);
}

} // namespace

Verification RedisServerControl::shutdownNoSave(const RedisEndpoint &endpoint, int timeoutMs)
{
    RedisConnection connection;
    QString error;
    if (!connect(connection, endpoint, &error))
        return Verification::failed(QStringLiteral("cannot reach %1 to stop it: %2").arg(endpoint.url.redacted(), error));
    const auto reply = connection.command({"SHUTDOWN", "NOSAVE"}, &error);
    if (reply && reply->isError()) // a successful SHUTDOWN closes the connection instead of answering
        return Verification::failed(QStringLiteral("SHUTDOWN NOSAVE refused: ") + QString::fromUtf8(reply->string));
    connection.close();
    for (QDeadlineTimer deadline(timeoutMs); !deadline.hasExpired(); QThread::msleep(kRetrySleepMs)) {
        RedisConnection probe;
        if (!connect(probe, endpoint, &error))
            return Verification::passed(QStringLiteral("%1 stopped").arg(endpoint.url.redacted()));
    }
    return Verification::failed(QStringLiteral("%1 still accepts connections %2 ms after SHUTDOWN NOSAVE").arg(endpoint.url.redacted()).arg(timeoutMs));
}

Verification RedisServerControl::waitReady(const RedisEndpoint &endpoint, int timeoutMs)
{
    QString error = QStringLiteral("no answer");
    for (QDeadlineTimer deadline(timeoutMs); !deadline.hasExpired(); QThread::msleep(kRetrySleepMs)) {
        RedisConnection connection;
        if (!connect(connection, endpoint, &error))
            continue;
        const auto reply = connection.command({"PING"}, &error);
        if (reply && !reply->isError())
            return Verification::passed(QStringLiteral("%1 answers PING").arg(endpoint.url.redacted()));
        if (reply)
            error = QString::fromUtf8(reply->string); // LOADING while it reads the dump
    }
    return Verification::failed(QStringLiteral("%1 not ready within %2 ms: %3").arg(endpoint.url.redacted()).arg(timeoutMs).arg(error));
}

Verification RedisServerControl::verifyKeys(const RedisEndpoint &endpoint, qint64 keysAtBackup)
{
    RedisConnection connection;
    QString error;
    const auto reply = connect(connection, endpoint, &error) ? connection.command({"DBSIZE"}, &error) : std::nullopt;
    if (!reply || reply->type != RedisValue::Type::Integer)
        return Verification::failed(QStringLiteral("DBSIZE on %1 failed: %2").arg(endpoint.url.redacted(), reply ? QString::fromUtf8(reply->string) : error));
    if (keysAtBackup > 0 && reply->integer == 0)
        return Verification::failed(QStringLiteral("%1 has no keys after the restore; the backup recorded %2").arg(endpoint.url.redacted()).arg(keysAtBackup));
    return Verification::passed(QStringLiteral("%1 keys after the restore (%2 when the backup started)").arg(reply->integer).arg(keysAtBackup));
}

Verification RedisServerControl::replaceDump(const QString &backupPath, const QString &dataDir, const QString &dbFileName)
{
    if (dataDir.isEmpty())
        return Verification::failed(QStringLiteral("redis:replace-rdb needs the target's data_dir"));
    const QDir dir(dataDir);
    const QString target = dir.filePath(dbFileName);
    const QString temporary = target + QStringLiteral(".restoring");
    QFile::remove(temporary);
    if (!QFile::copy(backupPath, temporary))
        return Verification::failed(QStringLiteral("cannot copy %1 to %2").arg(backupPath, temporary));
    QFile copy(temporary);
    const bool synced = copy.open(QIODevice::ReadWrite) && ::fsync(copy.handle()) == 0;
    copy.close();
    if (!synced || ::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(target).constData()) != 0) {
        QFile::remove(temporary);
        return Verification::failed(QStringLiteral("cannot put the dump in place at %1").arg(target));
    }
    return Verification::passed(QStringLiteral("%1 replaced").arg(target));
}

} // namespace e2i
