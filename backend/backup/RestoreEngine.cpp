#include "RestoreEngine.h"

#include "AofBaseInstaller.h"
#include "CommandRunner.h"
#include "FileDigest.h"
#include "RdbVerifier.h"
#include "RedisServerControl.h"
#include "core/Logging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace e2i {
namespace {

void appendLog(const QString &logPath, const QString &line)
{
    QFile log(logPath);
    if (log.open(QIODevice::WriteOnly | QIODevice::Append))
        log.write(QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toUtf8() + ' ' + line.toUtf8() + '\n');
}

} // namespace

const QStringList RestoreEngine::kSandboxRedisSteps{
    QStringLiteral("redis:shutdown-nosave"), QStringLiteral("redis:replace-rdb"), QStringLiteral("redis:start"),
    QStringLiteral("redis:wait-ready"), QStringLiteral("redis:verify-keys")};

const QStringList RestoreEngine::kAppendOnlyRedisSteps{
    QStringLiteral("redis:shutdown-nosave"), QStringLiteral("redis:replace-aof"), QStringLiteral("redis:start"),
    QStringLiteral("redis:wait-ready"), QStringLiteral("redis:verify-keys")};

Verification RestoreEngine::check(const BackupCatalog &catalog, const BackupEntry &entry)
{
    if (!entry.isVerified() || entry.fileName.isEmpty())
        return Verification::failed(QStringLiteral("backup %1 is %2, not a verified backup: nothing to restore")
                                        .arg(entry.id, BackupEntry::statusName(entry.status)));
    const QString path = catalog.filePath(entry.fileName);
    const auto digest = FileDigest::sha256Hex(path);
    if (!digest)
        return Verification::failed(QStringLiteral("backup %1: cannot read %2").arg(entry.id, path));
    if (QString::fromLatin1(*digest) != entry.sha256)
        return Verification::failed(QStringLiteral("backup %1: %2 is corrupted: SHA-256 %3 differs from the catalog's %4")
                                        .arg(entry.id, path, QString::fromLatin1(*digest), entry.sha256));
    if (entry.kind != BackupTarget::kindName(BackupTarget::Kind::RedisRdb))
        return Verification::passed(QStringLiteral("SHA-256 matches the catalog"));
    const Verification rdb = RdbVerifier::verify(path);
    if (!rdb.ok)
        return Verification::failed(QStringLiteral("backup %1 is corrupted: %2").arg(entry.id, rdb.message));
    return Verification::passed(QStringLiteral("SHA-256 matches the catalog; ") + rdb.message);
}

Verification RestoreEngine::restore(const BackupCatalog &catalog, const BackupEntry &entry, const BackupTarget &target,
                                    const std::atomic_bool &cancel)
{
    const QString logPath = catalog.filePath(entry.id + QStringLiteral(".restore.log"));
    appendLog(logPath, QStringLiteral("restore of %1 into %2 by %3").arg(entry.id, target.name, qEnvironmentVariable("USER")));
    const Verification checked = check(catalog, entry);
    appendLog(logPath, QStringLiteral("check: ") + checked.message);
    if (!checked.ok)
        return Verification::failed(QStringLiteral("refusing to restore: ") + checked.message);
    const Verification ready = preflight(target);
    if (!ready.ok)
        return Verification::failed(QStringLiteral("refusing to restore: ") + ready.message);
    for (const QString &step : target.restoreSteps) {
        if (cancel.load())
            return Verification::failed(QStringLiteral("cancelled before step '%1'").arg(step));
        const Verification outcome = runStep(step, catalog, entry, target, logPath, cancel);
        appendLog(logPath, QStringLiteral("%1: %2").arg(step, outcome.message));
        if (!outcome.ok)
            return Verification::failed(QStringLiteral("restore of %1 stopped at step '%2': %3").arg(entry.id, step, outcome.message));
    }
    log::info(QStringLiteral("restored %1 into %2").arg(entry.id, target.name));
    return Verification::passed(QStringLiteral("restored %1 into %2 (%3)").arg(entry.id, target.name, checked.message));
}

// Everything a step needs is checked before the first step runs, so a restore
// never stops a server it then cannot refill.
Verification RestoreEngine::preflight(const BackupTarget &target)
{
    if (target.restoreSteps.isEmpty())
        return Verification::failed(QStringLiteral("target %1 has no restore steps configured").arg(target.name));
    const bool replacesFiles = target.restoreSteps.contains(QStringLiteral("redis:replace-rdb"))
        || target.restoreSteps.contains(QStringLiteral("redis:replace-aof"));
    if (replacesFiles && !QFileInfo(target.dataDir).isDir())
        return Verification::failed(QStringLiteral("target %1: data_dir '%2' is not a directory").arg(target.name, target.dataDir));
    if (target.restoreSteps.contains(QStringLiteral("redis:start")) && target.startCommand.isEmpty())
        return Verification::failed(QStringLiteral("target %1: restore step redis:start needs start_command").arg(target.name));
    return Verification::passed(QString());
}

Verification RestoreEngine::runStep(const QString &step, const BackupCatalog &catalog, const BackupEntry &entry,
                                    const BackupTarget &target, const QString &logPath, const std::atomic_bool &cancel)
{
    const QString backupPath = catalog.filePath(entry.fileName);
    if (step == QLatin1String("redis:shutdown-nosave"))
        return RedisServerControl::shutdownNoSave(target.redis, target.timeoutMs);
    if (step == QLatin1String("redis:replace-rdb"))
        return RedisServerControl::replaceDump(backupPath, target.dataDir, target.dbFileName);
    if (step == QLatin1String("redis:replace-aof"))
        return AofBaseInstaller::install(backupPath, target.dataDir, target.aofDirName, target.aofFileName);
    if (step == QLatin1String("redis:wait-ready"))
        return RedisServerControl::waitReady(target.redis, target.timeoutMs);
    if (step == QLatin1String("redis:verify-keys"))
        return RedisServerControl::verifyKeys(target.redis, entry.keysAtStart);
    const QString commandTemplate = step == QLatin1String("redis:start") ? target.startCommand : step;
    if (commandTemplate.isEmpty())
        return Verification::failed(QStringLiteral("restore step '%1' has no command").arg(step));
    const QHash<QString, QString> values{
        {QStringLiteral("target"), target.name},
        {QStringLiteral("volume"), target.volume},
        {QStringLiteral("file"), entry.fileName},
        {QStringLiteral("backup_path"), QFileInfo(backupPath).absoluteFilePath()},
        {QStringLiteral("backup_dir"), QDir(catalog.directory()).absolutePath()},
        {QStringLiteral("data_dir"), target.dataDir},
        {QStringLiteral("db_file"), target.dbFileName},
    };
    const CommandOutcome outcome = CommandRunner::run(CommandRunner::expand(commandTemplate, values), target.timeoutMs, logPath, cancel);
    return outcome.succeeded() ? Verification::passed(outcome.message) : Verification::failed(outcome.message);
}

} // namespace e2i
