// The backups panel against real redis-server processes, driven as an operator
// would: back up a target and see a verified entry; a target whose server is
// down fails with its reason while the other still succeeds; cancel during a
// transfer leaves no file; a corrupted dump is refused by restore and the
// server keeps its data; a good backup is restored and its log shown. With
// E2I_SCREENSHOT_DIR set, the panel mid-transfer is saved there.
#include "KeyspaceFixture.h"
#include "RedisServerProcess.h"
#include "backups/BackupCatalogModel.h"
#include "backup/BackupEngine.h"
#include "backups/BackupLogView.h"
#include "backups/BackupTargetsModel.h"
#include "backups/BackupsTab.h"
#include "backups/RestoreConfirmDialog.h"
#include "backup/RestoreEngine.h"

#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace e2i;
using e2i::test::KeyspaceFixture;
using e2i::test::RedisServerProcess;

namespace {

constexpr int kKeyCount = 500;
constexpr int kTimeoutMs = 5'000;
// Loose bounds on waits on a shared 2-core machine; nothing here is timed.
constexpr int kLoadWaitMs = 10'000;
constexpr int kRunWaitMs = 30'000;
const std::atomic_bool kNotCancelled{false};
const QStringList kDiskless{QStringLiteral("repl-diskless-sync yes"), QStringLiteral("repl-diskless-sync-delay 0")};
// rdb-key-save-delay (µs per key) makes the server stream its dump slowly, so a
// cancel lands mid-transfer: 3000 keys take ~3 s.
constexpr int kSlowKeyCount = 3'000;
const QStringList kSlowDiskless = kDiskless + QStringList{QStringLiteral("rdb-key-save-delay 1000")};

BackupTarget redisTarget(const RedisServerProcess &server, const QString &name = QStringLiteral("redis"))
{
    BackupTarget target;
    target.name = name;
    target.kind = BackupTarget::Kind::RedisRdb;
    target.redis.url.port = server.port();
    target.redis.timeoutMs = kTimeoutMs;
    target.timeoutMs = kRunWaitMs;
    target.dataDir = server.directory();
    target.startCommand = server.startCommand();
    target.restoreSteps = RestoreEngine::kSandboxRedisSteps;
    return target;
}

BackupSettings settingsFor(const QString &directory, const QList<BackupTarget> &targets)
{
    BackupSettings settings;
    settings.directory = directory;
    settings.environment = QStringLiteral("sandbox");
    settings.user = QStringLiteral("tester");
    settings.targets = targets;
    return settings;
}

bool startFilled(RedisServerProcess &server, int keys, QString *error)
{
    if (!server.start(error))
        return false;
    RedisUrl url;
    url.port = server.port();
    RedisConnection connection;
    return connection.open(url, QString(), kTimeoutMs, error) && KeyspaceFixture(keys).write(connection, error);
}

int rowOfTarget(const BackupTargetsModel &model, const QString &name)
{
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.targetName(row) == name)
            return row;
    return -1;
}

bool waitForCatalog(BackupsTab &tab)
{
    QSignalSpy loaded(&tab, &BackupsTab::catalogLoaded);
    return loaded.wait(kLoadWaitMs);
}

void flipByte(const QString &path, qint64 offset)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.seek(offset));
    char byte = 0;
    QVERIFY(file.getChar(&byte));
    QVERIFY(file.seek(offset));
    QVERIFY(file.putChar(char(byte ^ 0x5a)));
}

void saveScreenshot(QWidget &widget, const QString &name)
{
    const QImage image = widget.grab().toImage();
    QVERIFY(!image.isNull());
    const QString directory = qEnvironmentVariable("E2I_SCREENSHOT_DIR");
    if (!directory.isEmpty())
        QVERIFY(image.save(QDir(directory).filePath(name)));
}

QStringList dumpsAndPartials(const QString &directory)
{
    return QDir(directory).entryList({QStringLiteral("*.rdb"), QStringLiteral("*.part")}, QDir::Files);
}

} // namespace

class tst_backups_tab_redis : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void backUpSelectedAddsAVerifiedEntry()
    {
        RedisServerProcess server(kDiskless);
        QString error;
        QVERIFY2(startFilled(server, kKeyCount, &error), qPrintable(error));
        QTemporaryDir backups;
        BackupsTab tab(settingsFor(backups.path(), {redisTarget(server)}));
        QVERIFY(waitForCatalog(tab));

        QSignalSpy finished(&tab, &BackupsTab::runFinished);
        tab.selectTargets({QStringLiteral("redis")});
        tab.backUpSelected();
        QVERIFY(tab.isBusy());
        QVERIFY(finished.wait(kRunWaitMs));
        QTRY_COMPARE_WITH_TIMEOUT(tab.catalogModel()->rowCount(), 1, kLoadWaitMs);

        const BackupEntry entry = *tab.catalogModel()->entryAt(0);
        QVERIFY2(entry.isVerified(), qPrintable(entry.message));
        QCOMPARE(entry.keysAtStart, kKeyCount);
        QCOMPARE(entry.user, QStringLiteral("tester"));
        QVERIFY(QFileInfo(QDir(backups.path()).filePath(entry.fileName)).isFile());
        const int row = rowOfTarget(*tab.targetsModel(), QStringLiteral("redis"));
        QCOMPARE(tab.targetsModel()->runState(row), BackupTargetsModel::RunState::Verified);
        QVERIFY(!tab.targetsModel()->isStale(row));
        QVERIFY(!tab.isBusy());

        QSignalSpy logShown(tab.logView(), &BackupLogView::shown);
        tab.selectEntry(entry.id);
        QVERIFY(logShown.wait(kLoadWaitMs));
        QVERIFY2(tab.logView()->text().contains(QStringLiteral("verification:")), qPrintable(tab.logView()->text()));
    }

    void downTargetFailsWithItsReasonWhileTheOtherSucceeds()
    {
        RedisServerProcess server(kDiskless);
        QString error;
        QVERIFY2(startFilled(server, kKeyCount, &error), qPrintable(error));
        BackupTarget dead = redisTarget(server, QStringLiteral("falkordb"));
        dead.redis.url.port = RedisServerProcess::freePort(); // nothing listens there
        QTemporaryDir backups;
        BackupsTab tab(settingsFor(backups.path(), {dead, redisTarget(server)}));
        QVERIFY(waitForCatalog(tab));

        QSignalSpy finished(&tab, &BackupsTab::runFinished);
        tab.backUpAll();
        QVERIFY(finished.wait(kRunWaitMs));

        const BackupTargetsModel &targets = *tab.targetsModel();
        const int falkordb = rowOfTarget(targets, QStringLiteral("falkordb"));
        QCOMPARE(targets.runState(falkordb), BackupTargetsModel::RunState::Failed);
        QVERIFY2(targets.runText(falkordb).contains(QStringLiteral("refused")), qPrintable(targets.runText(falkordb)));
        QCOMPARE(targets.runState(rowOfTarget(targets, QStringLiteral("redis"))), BackupTargetsModel::RunState::Verified);
        QVERIFY2(tab.statusText().contains(QStringLiteral("1 failed")) && tab.statusText().contains(QStringLiteral("falkordb")),
                 qPrintable(tab.statusText()));

        QTRY_COMPARE_WITH_TIMEOUT(tab.catalogModel()->rowCount(), 2, kLoadWaitMs);
        for (int row = 0; row < 2; ++row) {
            const BackupEntry &entry = *tab.catalogModel()->entryAt(row);
            QCOMPARE(entry.isVerified(), entry.target == QLatin1String("redis"));
            QCOMPARE(entry.fileName.isEmpty(), !entry.isVerified());
        }
    }

    void cancelDuringATransferLeavesNoFile()
    {
        RedisServerProcess server(kSlowDiskless);
        QString error;
        QVERIFY2(startFilled(server, kSlowKeyCount, &error), qPrintable(error));
        QTemporaryDir backups;
        BackupsTab tab(settingsFor(backups.path(), {redisTarget(server)}));
        QVERIFY(waitForCatalog(tab));

        QSignalSpy finished(&tab, &BackupsTab::runFinished);
        tab.backUpAll();
        const BackupTargetsModel &targets = *tab.targetsModel();
        tab.resize(1280, 760);
        tab.show();
        QTRY_VERIFY_WITH_TIMEOUT(targets.runText(0).contains(QStringLiteral("received")), kRunWaitMs);
        // A diskless transfer has no length: the row shows a busy bar with the bytes received.
        QCOMPARE(targets.index(0, BackupTargetsModel::Run).data(BackupTargetsModel::ProgressRole).toDouble(), -1.0);
        saveScreenshot(tab, QStringLiteral("backups-tab-running.png"));
        tab.cancel();
        QVERIFY(finished.wait(kRunWaitMs));

        QCOMPARE(targets.runState(0), BackupTargetsModel::RunState::Cancelled);
        QTRY_COMPARE_WITH_TIMEOUT(tab.catalogModel()->rowCount(), 1, kLoadWaitMs);
        const BackupEntry &entry = *tab.catalogModel()->entryAt(0);
        QCOMPARE(entry.status, BackupEntry::Status::Cancelled);
        QVERIFY(entry.fileName.isEmpty());
        QVERIFY(dumpsAndPartials(backups.path()).isEmpty());
    }

    void corruptedDumpIsRefusedAndTheTargetKeepsItsData()
    {
        RedisServerProcess server(kDiskless);
        QString error;
        QVERIFY2(startFilled(server, kKeyCount, &error), qPrintable(error));
        QTemporaryDir backups;
        const BackupSettings settings = settingsFor(backups.path(), {redisTarget(server)});
        const BackupEntry entry = BackupEngine(settings).backUp(settings.targets.first(), kNotCancelled);
        QVERIFY2(entry.isVerified(), qPrintable(entry.message));
        flipByte(QDir(backups.path()).filePath(entry.fileName), entry.sizeBytes / 2);

        BackupsTab tab(settings);
        QVERIFY(waitForCatalog(tab));
        tab.selectEntry(entry.id);
        QSignalSpy restored(&tab, &BackupsTab::restoreFinished);
        tab.requestRestore();
        auto *dialog = tab.findChild<RestoreConfirmDialog *>();
        QVERIFY(dialog);
        dialog->restoreButton()->click();
        QVERIFY(restored.wait(kRunWaitMs));

        QCOMPARE(restored.first().at(0).toBool(), false);
        const QString message = restored.first().at(1).toString();
        QVERIFY2(message.startsWith(QStringLiteral("refusing to restore")) && message.contains(QStringLiteral("SHA-256")),
                 qPrintable(message));
        QCOMPARE(tab.statusText(), message);
        QCOMPARE(server.cli({QStringLiteral("DBSIZE")}).trimmed(), QByteArray::number(kKeyCount));
    }

    void restoreReplacesTheDataAndShowsItsLog()
    {
        RedisServerProcess server(kDiskless);
        QString error;
        QVERIFY2(startFilled(server, kKeyCount, &error), qPrintable(error));
        QTemporaryDir backups;
        const BackupSettings settings = settingsFor(backups.path(), {redisTarget(server)});
        const BackupEntry entry = BackupEngine(settings).backUp(settings.targets.first(), kNotCancelled);
        QVERIFY2(entry.isVerified(), qPrintable(entry.message));
        QCOMPARE(server.cli({QStringLiteral("FLUSHALL")}).trimmed(), QByteArray("OK"));

        BackupsTab tab(settings);
        QVERIFY(waitForCatalog(tab));
        tab.selectEntry(entry.id);
        QSignalSpy restored(&tab, &BackupsTab::restoreFinished);
        tab.requestRestore();
        auto *dialog = tab.findChild<RestoreConfirmDialog *>();
        QVERIFY(dialog);
        QVERIFY(!dialog->confirmationField()); // sandbox is not production
        dialog->restoreButton()->click();
        QVERIFY(restored.wait(kRunWaitMs));

        QVERIFY2(restored.first().at(0).toBool(), qPrintable(restored.first().at(1).toString()));
        QCOMPARE(server.cli({QStringLiteral("DBSIZE")}).trimmed(), QByteArray::number(kKeyCount));
        // The log may first be shown mid-restore (the directory watcher reloads the catalog); the
        // panel reads it again once the restore has ended, with the last step in it.
        QTRY_VERIFY_WITH_TIMEOUT(tab.logView()->text().contains(QStringLiteral("redis:verify-keys")), kLoadWaitMs);
        QVERIFY(tab.logView()->text().contains(QStringLiteral("restore log")));
    }
};

QTEST_MAIN(tst_backups_tab_redis)
#include "tst_backups_tab_redis.moc"
