// Command-template backups through the engine and the runner: a real tar of a
// directory, a failing command whose stderr must reach the log, a hanging one
// killed at its timeout, an unwritable folder, and a run that continues past a
// failing target.
#include "backup/BackupCatalog.h"
#include "backup/BackupEngine.h"
#include "backup/BackupRunner.h"
#include "backup/CommandRunner.h"
#include "backup/FileDigest.h"
#include "backup/RestoreEngine.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace e2i;

namespace {

constexpr int kGenerousTimeoutMs = 30'000;
constexpr int kHangTimeoutMs = 500;
constexpr int kShortLockTimeoutMs = 200;
constexpr int kConcurrentBackups = 8; // per engine

const std::atomic_bool kNotCancelled{false};

BackupTarget tarTarget(const QString &name, const QString &sourceDir)
{
    BackupTarget target;
    target.name = name;
    target.kind = BackupTarget::Kind::Command;
    target.command = QStringLiteral("tar -C %1 -czf {output_path} .").arg(sourceDir);
    target.verifyCommand = QStringLiteral("tar -tzf {output_path}");
    target.timeoutMs = kGenerousTimeoutMs;
    return target;
}

BackupTarget commandTarget(const QString &name, const QString &command, int timeoutMs = kGenerousTimeoutMs)
{
    BackupTarget target = tarTarget(name, QStringLiteral("/nonexistent"));
    target.command = command;
    target.timeoutMs = timeoutMs;
    return target;
}

BackupSettings settingsFor(const QString &directory, QList<BackupTarget> targets = {})
{
    BackupSettings settings;
    settings.directory = directory;
    settings.environment = QStringLiteral("test");
    settings.user = QStringLiteral("tester");
    settings.targets = std::move(targets);
    return settings;
}

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

// A backup that takes a few milliseconds: the catalog is the point, not the data.
BackupTarget quickTarget(const QString &name)
{
    BackupTarget target = commandTarget(name, QStringLiteral("sh -c \"echo data > {output_path}\""));
    target.verifyCommand = QStringLiteral("test -s {output_path}");
    return target;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList backupFiles(const QString &directory)
{
    return QDir(directory).entryList({QStringLiteral("*.tar.gz"), QStringLiteral("*.part")}, QDir::Files);
}

} // namespace

class tst_command_backup : public QObject
{
    Q_OBJECT
private slots:
    void tarOfDirectoryIsVerifiedAndRestorable()
    {
        QTemporaryDir source, backups, restored;
        writeFile(source.filePath(QStringLiteral("model.bin")), QByteArray(10'000, 'm'));
        BackupTarget target = tarTarget(QStringLiteral("mlflow_data"), source.path());
        target.restoreSteps = {QStringLiteral("tar -C %1 -xzf {backup_path}").arg(restored.path())};
        BackupEngine engine(settingsFor(backups.path()));

        const BackupEntry entry = engine.backUp(target, kNotCancelled);
        QVERIFY2(entry.isVerified(), qPrintable(entry.message));
        const QString file = QDir(backups.path()).filePath(entry.fileName);
        QCOMPARE(QFileInfo(file).size(), entry.sizeBytes);
        QCOMPARE(QString::fromLatin1(*FileDigest::sha256Hex(file)), entry.sha256);
        QCOMPARE(entry.user, QStringLiteral("tester"));
        QCOMPARE(entry.environment, QStringLiteral("test"));

        BackupCatalog catalog(backups.path());
        QString error;
        QVERIFY2(catalog.load(&error), qPrintable(error));
        QCOMPARE(catalog.entries().size(), 1);
        const Verification restore = RestoreEngine::restore(catalog, catalog.entries().first(), target, kNotCancelled);
        QVERIFY2(restore.ok, qPrintable(restore.message));
        QCOMPARE(readFile(restored.filePath(QStringLiteral("model.bin"))), QByteArray(10'000, 'm'));
    }

    void failedCommandStderrReachesLog()
    {
        QTemporaryDir backups;
        BackupEngine engine(settingsFor(backups.path()));
        const BackupEntry entry = engine.backUp(
            commandTarget(QStringLiteral("feast_data"), QStringLiteral("sh -c \"echo volume-not-found >&2; exit 3\"")), kNotCancelled);
        QCOMPARE(entry.status, BackupEntry::Status::Failed);
        QVERIFY(entry.fileName.isEmpty());
        QVERIFY2(entry.message.contains(QStringLiteral("exit code 3")), qPrintable(entry.message));
        const QByteArray log = readFile(QDir(backups.path()).filePath(entry.logFile));
        QVERIFY2(log.contains("volume-not-found"), log.constData());
        QVERIFY(backupFiles(backups.path()).isEmpty());
    }

    void hangingCommandIsKilledAtTimeout()
    {
        QTemporaryDir backups;
        BackupEngine engine(settingsFor(backups.path()));
        // Were it not killed, the 300 s sleep would outlast the ctest timeout of this test.
        const BackupEntry entry = engine.backUp(commandTarget(QStringLiteral("opik_data"), QStringLiteral("sleep 300"), kHangTimeoutMs), kNotCancelled);
        QCOMPARE(entry.status, BackupEntry::Status::Failed);
        QVERIFY2(entry.message.contains(QStringLiteral("did not finish within 500 ms and was killed")), qPrintable(entry.message));
        QVERIFY(readFile(QDir(backups.path()).filePath(entry.logFile)).contains("did not finish within"));
    }

    void cancelledCommandLeavesOnlyARecord()
    {
        QTemporaryDir backups;
        BackupEngine engine(settingsFor(backups.path()));
        const std::atomic_bool cancelled{true};
        const BackupEntry entry = engine.backUp(commandTarget(QStringLiteral("bentoml_models"), QStringLiteral("sleep 300")), cancelled);
        QCOMPARE(entry.status, BackupEntry::Status::Cancelled);
        QVERIFY(backupFiles(backups.path()).isEmpty());
        BackupCatalog catalog(backups.path());
        QString error;
        QVERIFY(catalog.load(&error));
        QCOMPARE(catalog.entries().size(), 1);
        QVERIFY(catalog.entries().first().fileName.isEmpty());
    }

    void commandThatWritesNothingFails()
    {
        QTemporaryDir backups;
        BackupEngine engine(settingsFor(backups.path()));
        const BackupEntry entry = engine.backUp(commandTarget(QStringLiteral("x"), QStringLiteral("true")), kNotCancelled);
        QCOMPARE(entry.status, BackupEntry::Status::Failed);
        QVERIFY2(entry.message.contains(QStringLiteral("wrote no")), qPrintable(entry.message));
    }

    void unwritableFolderIsReportedAndOtherTargetsContinue()
    {
        QTemporaryDir scratch, source;
        writeFile(source.filePath(QStringLiteral("a")), "a");
        writeFile(scratch.filePath(QStringLiteral("not-a-dir")), "x");
        // A directory below a regular file cannot be created, even by root.
        const QString blocked = scratch.filePath(QStringLiteral("not-a-dir/backups"));
        BackupRunner blockedRunner(settingsFor(blocked, {tarTarget(QStringLiteral("a"), source.path())}));
        QSignalSpy blockedFailures(&blockedRunner, &BackupRunner::failed);
        blockedRunner.run({});
        QCOMPARE(blockedFailures.size(), 1);
        QVERIFY2(blockedFailures.first().at(1).toString().contains(QStringLiteral("cannot create the backup directory")),
                 qPrintable(blockedFailures.first().at(1).toString()));

        const QString good = scratch.filePath(QStringLiteral("good"));
        BackupRunner runner(settingsFor(good, {commandTarget(QStringLiteral("broken"), QStringLiteral("false")),
                                               tarTarget(QStringLiteral("a"), source.path())}));
        QSignalSpy failures(&runner, &BackupRunner::failed);
        QSignalSpy finishes(&runner, &BackupRunner::finished);
        QSignalSpy done(&runner, &BackupRunner::runFinished);
        runner.run({QStringLiteral("broken"), QStringLiteral("unknown"), QStringLiteral("a")});
        QCOMPARE(failures.size(), 2);
        QCOMPARE(failures.at(0).at(0).toString(), QStringLiteral("broken"));
        QCOMPARE(failures.at(1).at(0).toString(), QStringLiteral("unknown"));
        QCOMPARE(finishes.size(), 1);
        QCOMPARE(done.size(), 1);
        BackupCatalog catalog(good);
        QString error;
        QVERIFY(catalog.load(&error));
        QCOMPARE(catalog.entries().size(), 2); // broken (failed) and a (verified); unknown is not a target
    }

    void lockedCatalogFailsTheAttemptAndNamesTheHolder()
    {
        QTemporaryDir backups;
        QLockFile held(QDir(backups.path()).filePath(QLatin1String(BackupCatalog::kLockFileName)));
        QVERIFY(held.tryLock(0));
        BackupSettings settings = settingsFor(backups.path());
        settings.catalogLockTimeoutMs = kShortLockTimeoutMs;
        BackupEngine engine(settings);

        const BackupEntry entry = engine.backUp(quickTarget(QStringLiteral("notes")), kNotCancelled);
        QCOMPARE(entry.status, BackupEntry::Status::Failed);
        QVERIFY2(entry.message.contains(QStringLiteral("pid %1").arg(QCoreApplication::applicationPid())), qPrintable(entry.message));
        QVERIFY2(entry.message.contains(QStringLiteral("not recorded in the catalog")), qPrintable(entry.message));
        QVERIFY(!QFileInfo::exists(BackupCatalog(backups.path()).path()));
    }

    // Two engines (as the console and e2ictl would be) recording into one catalog
    // at once: the lock serialises read-change-write, so no entry is lost.
    void concurrentRunsLoseNoEntry()
    {
        QTemporaryDir backups;
        const auto runMany = [&](const QString &target) {
            BackupSettings settings = settingsFor(backups.path());
            settings.keepPerTarget = kConcurrentBackups; // retention must not be what removes entries
            BackupEngine engine(settings);
            for (int i = 0; i < kConcurrentBackups; ++i)
                engine.backUp(quickTarget(target), kNotCancelled);
        };
        std::thread first(runMany, QStringLiteral("first"));
        std::thread second(runMany, QStringLiteral("second"));
        first.join();
        second.join();

        BackupCatalog catalog(backups.path());
        QString error;
        QVERIFY2(catalog.load(&error), qPrintable(error));
        QCOMPARE(catalog.entries().size(), 2 * kConcurrentBackups);
        for (const BackupEntry &entry : catalog.entries())
            QVERIFY2(entry.isVerified(), qPrintable(entry.message));
    }

    void placeholdersStayOneArgument()
    {
        const QStringList argv = CommandRunner::expand(QStringLiteral("tar -C {backup_dir} -czf {output} ."),
                                                       {{QStringLiteral("backup_dir"), QStringLiteral("/tmp/with space")},
                                                        {QStringLiteral("output"), QStringLiteral("x.tar.gz")}});
        QCOMPARE(argv, (QStringList{QStringLiteral("tar"), QStringLiteral("-C"), QStringLiteral("/tmp/with space"),
                                    QStringLiteral("-czf"), QStringLiteral("x.tar.gz"), QStringLiteral(".")}));
    }
};

QTEST_GUILESS_MAIN(tst_command_backup)
#include "tst_command_backup.moc"
