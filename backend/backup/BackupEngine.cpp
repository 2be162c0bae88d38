#include "BackupEngine.h"

#include "BackupCatalog.h"
#include "BgsaveCopier.h"
#include "CommandRunner.h"
#include "FileDigest.h"
#include "RdbVerifier.h"
#include "ReplicationPuller.h"
#include "core/Logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>

namespace e2i {

// One backup in progress: its entry, where it writes, and how it went.
struct BackupEngine::Attempt {
    BackupEntry entry;
    QString partPath; // the file while it is written; renamed to entry.fileName once verified
    QString logPath;
    bool ok = false;
    QString message;
};

namespace {

void appendLog(const QString &logPath, const QString &line)
{
    QFile log(logPath);
    if (log.open(QIODevice::WriteOnly | QIODevice::Append))
        log.write(line.toUtf8() + '\n');
}

QString describeLockFailure(const QLockFile &lock, int timeoutMs)
{
    qint64 pid = 0;
    QString host, application;
    if (lock.error() == QLockFile::LockFailedError && lock.getLockInfo(&pid, &host, &application))
        return QStringLiteral("the catalog stayed locked for %1 ms by %2 (pid %3 on %4)").arg(timeoutMs).arg(application).arg(pid).arg(host);
    return QStringLiteral("cannot lock the catalog (error %1)").arg(int(lock.error()));
}

QString uniqueId(const QString &target, const QDateTime &started)
{
    return target + QLatin1Char('-') + started.toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'"));
}

} // namespace

BackupEngine::BackupEngine(BackupSettings settings)
    : m_settings(std::move(settings))
{
}

BackupEntry BackupEngine::backUp(const BackupTarget &target, const std::atomic_bool &cancel, const Progress &progress)
{
    Attempt attempt;
    BackupEntry &entry = attempt.entry;
    entry.startedUtc = QDateTime::currentDateTimeUtc();
    entry.id = uniqueId(target.name, entry.startedUtc);
    entry.target = target.name;
    entry.kind = BackupTarget::kindName(target.kind);
    entry.user = m_settings.user;
    entry.environment = m_settings.environment;
    entry.logFile = entry.id + QStringLiteral(".log");
    const QString suffix = target.kind == BackupTarget::Kind::RedisRdb ? QStringLiteral(".rdb") : target.fileSuffix;
    entry.fileName = entry.id + suffix;
    const QDir directory(m_settings.directory);
    attempt.partPath = directory.filePath(entry.fileName + QStringLiteral(".part"));
    attempt.logPath = directory.filePath(entry.logFile);
    log::info(QStringLiteral("backup %1 of %2 started").arg(entry.id, target.name));

    if (!QDir().mkpath(m_settings.directory)) {
        attempt.message = QStringLiteral("cannot create the backup directory %1").arg(m_settings.directory);
    } else if (target.kind == BackupTarget::Kind::RedisRdb) {
        pullRdb(target, attempt, cancel, progress);
    } else {
        runCommand(target, attempt, cancel);
    }
    keepOrDiscard(attempt, cancel);
    record(entry);
    return entry;
}

void BackupEngine::pullRdb(const BackupTarget &target, Attempt &attempt, const std::atomic_bool &cancel, const Progress &progress)
{
    const auto report = [&](qint64 bytes, qint64 total) {
        if (progress)
            progress(target.name, bytes, total);
    };
    const PullResult pulled = takeDump(target, attempt, cancel, report);
    if (!pulled.ok) {
        attempt.message = QStringLiteral("%1: %2").arg(target.redis.url.redacted(), pulled.error);
        appendLog(attempt.logPath, attempt.message);
        return;
    }
    attempt.entry.keysAtStart = pulled.keysAtStart;
    attempt.entry.sha256 = QString::fromLatin1(pulled.sha256);
    const QString form = target.method == BackupTarget::RedisMethod::Bgsave ? QStringLiteral("copied after BGSAVE")
        : pulled.diskless                                                    ? QStringLiteral("diskless transfer")
                                                                             : QStringLiteral("disk-based transfer");
    appendLog(attempt.logPath, QStringLiteral("received %1 bytes (%2), %3 keys in db %4 at start, sha256 %5")
                                   .arg(pulled.bytes)
                                   .arg(form)
                                   .arg(pulled.keysAtStart)
                                   .arg(target.redis.url.db)
                                   .arg(attempt.entry.sha256));
    const Verification verification = RdbVerifier::verify(attempt.partPath, target.timeoutMs);
    attempt.ok = verification.ok;
    attempt.message = verification.message;
    appendLog(attempt.logPath, QStringLiteral("verification: ") + verification.message);
}

PullResult BackupEngine::takeDump(const BackupTarget &target, Attempt &attempt, const std::atomic_bool &cancel,
                                  const ReplicationPuller::Progress &progress)
{
    const QString from = target.redis.url.redacted();
    if (target.method == BackupTarget::RedisMethod::Bgsave) {
        const QString dump = target.dataDir.isEmpty() ? QString() : QDir(target.dataDir).filePath(target.dbFileName);
        appendLog(attempt.logPath, QStringLiteral("BGSAVE on %1, then copying %2").arg(from, dump.isEmpty() ? QStringLiteral("the dump it names") : dump));
        return BgsaveCopier::copy(target.redis, dump, attempt.partPath, target.timeoutMs, cancel, progress);
    }
    appendLog(attempt.logPath, QStringLiteral("pulling an RDB from %1 over the replication stream").arg(from));
    const int idleTimeoutMs = qMax(m_settings.idleTimeoutMs, target.redis.timeoutMs);
    return ReplicationPuller::pull(target.redis, attempt.partPath, idleTimeoutMs, cancel, progress);
}

void BackupEngine::runCommand(const BackupTarget &target, Attempt &attempt, const std::atomic_bool &cancel)
{
    const QHash<QString, QString> values{
        {QStringLiteral("target"), target.name},
        {QStringLiteral("volume"), target.volume},
        {QStringLiteral("output"), QFileInfo(attempt.partPath).fileName()},
        {QStringLiteral("output_path"), attempt.partPath},
        {QStringLiteral("backup_dir"), QDir(m_settings.directory).absolutePath()},
    };
    const CommandOutcome made = CommandRunner::run(CommandRunner::expand(target.command, values), target.timeoutMs, attempt.logPath, cancel);
    if (!made.succeeded()) {
        attempt.message = made.message;
        return;
    }
    if (!QFileInfo(attempt.partPath).isFile()) {
        attempt.message = QStringLiteral("the command succeeded but wrote no %1").arg(values.value(QStringLiteral("output")));
        appendLog(attempt.logPath, attempt.message);
        return;
    }
    const CommandOutcome verified = CommandRunner::run(CommandRunner::expand(target.verifyCommand, values), target.timeoutMs, attempt.logPath, cancel);
    const auto digest = verified.succeeded() ? FileDigest::sha256Hex(attempt.partPath) : std::nullopt;
    attempt.ok = digest.has_value();
    attempt.message = verified.succeeded() && !digest ? QStringLiteral("cannot read %1 to hash it").arg(attempt.partPath) : verified.message;
    attempt.entry.sha256 = QString::fromLatin1(digest.value_or(QByteArray()));
}

void BackupEngine::keepOrDiscard(Attempt &attempt, const std::atomic_bool &cancel)
{
    BackupEntry &entry = attempt.entry;
    entry.finishedUtc = QDateTime::currentDateTimeUtc();
    const QString finalPath = QDir(m_settings.directory).filePath(entry.fileName);
    if (attempt.ok && !cancel.load() && QFile::rename(attempt.partPath, finalPath)) {
        entry.status = BackupEntry::Status::Verified;
        entry.sizeBytes = QFileInfo(finalPath).size();
    } else {
        QFile::remove(attempt.partPath);
        entry.status = cancel.load() ? BackupEntry::Status::Cancelled : BackupEntry::Status::Failed;
        entry.fileName.clear();
        entry.sha256.clear();
        if (attempt.ok && !cancel.load())
            attempt.message = QStringLiteral("cannot rename %1 to %2").arg(attempt.partPath, finalPath);
    }
    entry.message = entry.status == BackupEntry::Status::Cancelled ? QStringLiteral("cancelled by the user") : attempt.message;
    appendLog(attempt.logPath, QStringLiteral("%1: %2").arg(BackupEntry::statusName(entry.status), entry.message));
    if (!QFileInfo::exists(attempt.logPath))
        entry.logFile.clear();
}

// Re-reads the catalog under its lock just before writing, so entries another
// run (this process or another) added meanwhile survive.
void BackupEngine::record(BackupEntry &entry)
{
    BackupCatalog catalog(m_settings.directory);
    QLockFile lock(QDir(m_settings.directory).filePath(QLatin1String(BackupCatalog::kLockFileName)));
    QString error;
    if (!lock.tryLock(m_settings.catalogLockTimeoutMs)) {
        error = describeLockFailure(lock, m_settings.catalogLockTimeoutMs);
    } else if (catalog.load(&error)) {
        catalog.append(entry);
        const QList<BackupEntry> expired = catalog.applyRetention(m_settings.keepPerTarget);
        if (catalog.save(&error)) {
            catalog.removeFiles(expired);
            log::info(QStringLiteral("backup %1: %2").arg(entry.id, BackupEntry::statusName(entry.status)));
            return;
        }
    }
    // An uncatalogued backup cannot be restored from the console: report the attempt as failed.
    if (entry.isVerified())
        entry.message += QStringLiteral("; the file %1 is kept but").arg(entry.fileName);
    entry.status = BackupEntry::Status::Failed;
    entry.message += QStringLiteral(" not recorded in the catalog: ") + error;
    log::warn(QStringLiteral("backup %1 of %2: %3").arg(entry.id, entry.target, entry.message));
}

} // namespace e2i
