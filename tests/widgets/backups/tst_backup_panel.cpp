// The backups panel without a server: size and time formats, the catalog and
// targets models (order, staleness, a run's progression), the restore
// confirmation (production needs the exact environment name), and the panel
// flagging a stale target from a catalog.json written into a temporary
// directory. With E2I_SCREENSHOT_DIR set, it also saves the panel in the light
// and dark themes there, for a person to look at.
#include "backup/BackupCatalog.h"
#include "backups/BackupCatalogModel.h"
#include "backups/BackupFormat.h"
#include "backups/BackupLogView.h"
#include "backups/BackupTargetsModel.h"
#include "backups/BackupsTab.h"
#include "backups/RestoreConfirmDialog.h"
#include "common/StatusLine.h"
#include "common/Theme.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace e2i;

namespace {

constexpr int kLoadWaitMs = 10'000;
constexpr int kMaxAgeHours = 24;
constexpr qint64 kSecondsPerHour = 3600;
constexpr double kFractionTolerance = 1e-12;
const QDateTime kNow = QDateTime(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC);

BackupTarget redisTarget(const QString &name)
{
    BackupTarget target;
    target.name = name;
    target.kind = BackupTarget::Kind::RedisRdb;
    target.redis.url.port = 1; // never contacted by these tests
    return target;
}

BackupEntry entry(const QString &target, const QDateTime &started, BackupEntry::Status status)
{
    BackupEntry e;
    e.target = target;
    e.startedUtc = started;
    e.finishedUtc = started.addMSecs(1500);
    e.id = target + started.toString(QStringLiteral("-yyyyMMdd'T'HHmmss'Z'"));
    e.kind = QStringLiteral("redis-rdb");
    e.status = status;
    e.user = QStringLiteral("operator");
    e.environment = QStringLiteral("sandbox");
    if (status == BackupEntry::Status::Verified) {
        e.fileName = e.id + QStringLiteral(".rdb");
        e.sizeBytes = 3 * 1024 * 1024;
        e.sha256 = QStringLiteral("0123456789abcdef").repeated(4);
        e.message = QStringLiteral("CRC-64 ok");
    } else {
        e.message = QStringLiteral("127.0.0.1:1: connection refused");
    }
    return e;
}

BackupSettings settingsFor(const QString &directory)
{
    BackupSettings settings;
    settings.directory = directory;
    settings.environment = QStringLiteral("sandbox");
    settings.maxAgeHours = kMaxAgeHours;
    settings.targets = {redisTarget(QStringLiteral("redis")), redisTarget(QStringLiteral("falkordb"))};
    return settings;
}

int rowOfTarget(const BackupTargetsModel &model, const QString &name)
{
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.targetName(row) == name)
            return row;
    return -1;
}

QColor statusTextColour(const BackupsTab &tab)
{
    const QList<QLabel *> labels = tab.findChild<StatusLine *>()->findChildren<QLabel *>();
    for (const QLabel *label : labels)
        if (label->text() == tab.statusText())
            return label->palette().color(QPalette::WindowText);
    return {};
}

void saveScreenshot(QWidget &widget, const QString &name)
{
    const QImage image = widget.grab().toImage();
    QVERIFY(!image.isNull());
    const QString directory = qEnvironmentVariable("E2I_SCREENSHOT_DIR");
    if (!directory.isEmpty())
        QVERIFY(image.save(QDir(directory).filePath(name)));
}

} // namespace

class tst_backup_panel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings of the panel go to a test location
        Theme::apply(*qApp, Theme::Kind::Light);
    }

    void formatsBytes_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("text");
        QTest::addRow("zero") << qint64(0) << QStringLiteral("0 B");
        QTest::addRow("just under a KiB") << qint64(1023) << QStringLiteral("1023 B");
        QTest::addRow("one and a half KiB") << qint64(1536) << QStringLiteral("1.50 KiB");
        QTest::addRow("40 MiB") << qint64(40) * 1024 * 1024 << QStringLiteral("40.0 MiB");
        QTest::addRow("1.5 GiB") << qint64(3) * 512 * 1024 * 1024 << QStringLiteral("1.50 GiB");
        QTest::addRow("500 GiB") << qint64(500) * 1024 * 1024 * 1024 << QStringLiteral("500 GiB");
    }
    void formatsBytes()
    {
        QFETCH(qint64, bytes);
        QFETCH(QString, text);
        QCOMPARE(backupformat::bytes(bytes), text);
    }

    void formatsDurations_data()
    {
        QTest::addColumn<qint64>("milliseconds");
        QTest::addColumn<QString>("text");
        QTest::addRow("unknown") << qint64(-1) << QStringLiteral("–");
        QTest::addRow("under a second") << qint64(850) << QStringLiteral("850 ms");
        QTest::addRow("seconds") << qint64(12'400) << QStringLiteral("12.4 s");
        QTest::addRow("minutes") << qint64(185'000) << QStringLiteral("3 min 05 s");
        QTest::addRow("hours") << qint64(7'800'000) << QStringLiteral("2 h 10 min");
    }
    void formatsDurations()
    {
        QFETCH(qint64, milliseconds);
        QFETCH(QString, text);
        QCOMPARE(backupformat::duration(milliseconds), text);
    }

    void catalogModelListsNewestFirst()
    {
        BackupCatalogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const BackupEntry old = entry(QStringLiteral("redis"), kNow.addDays(-2), BackupEntry::Status::Verified);
        const BackupEntry newest = entry(QStringLiteral("falkordb"), kNow, BackupEntry::Status::Failed);
        const BackupEntry middle = entry(QStringLiteral("redis"), kNow.addDays(-1), BackupEntry::Status::Cancelled);
        model.setEntries({old, newest, middle});

        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.entryAt(0)->id, newest.id);
        QCOMPARE(model.entryAt(1)->id, middle.id);
        QCOMPARE(model.entryAt(2)->id, old.id);
        QCOMPARE(model.rowOf(old.id), 2);
        QCOMPARE(model.rowOf(QStringLiteral("no-such-entry")), -1);
    }

    void catalogModelShowsWhatAnOperatorChecks()
    {
        BackupCatalogModel model;
        const BackupEntry verified = entry(QStringLiteral("redis"), kNow, BackupEntry::Status::Verified);
        const BackupEntry failed = entry(QStringLiteral("falkordb"), kNow.addSecs(-60), BackupEntry::Status::Failed);
        model.setEntries({verified, failed});
        const auto cell = [&](int row, int column, int role = Qt::DisplayRole) { return model.index(row, column).data(role); };

        QCOMPARE(cell(0, BackupCatalogModel::Sha256).toString(), verified.sha256.left(12));
        QVERIFY(cell(0, BackupCatalogModel::Sha256, Qt::ToolTipRole).toString().contains(verified.sha256));
        QCOMPARE(cell(0, BackupCatalogModel::Started).toString(), QStringLiteral("2026-11-23 12:00:00"));
        QCOMPARE(cell(0, BackupCatalogModel::Duration).toString(), QStringLiteral("1.5 s"));
        QCOMPARE(cell(0, BackupCatalogModel::Size).toString(), QStringLiteral("3.00 MiB"));
        QCOMPARE(cell(0, BackupCatalogModel::Verification).toString(), QStringLiteral("verified"));
        QCOMPARE(cell(0, BackupCatalogModel::User).toString(), QStringLiteral("operator"));
        QCOMPARE(cell(0, BackupCatalogModel::Environment).toString(), QStringLiteral("sandbox"));
        // State is never colour alone: the failed row has its own text and an icon.
        QCOMPARE(cell(1, BackupCatalogModel::Verification).toString(), QStringLiteral("failed"));
        QVERIFY(!cell(1, BackupCatalogModel::Verification, Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(cell(1, BackupCatalogModel::Detail).toString().contains(QStringLiteral("connection refused")));
        QCOMPARE(cell(1, BackupCatalogModel::Size).toString(), QStringLiteral("–"));
    }

    void targetIsFlaggedWithoutARecentVerifiedBackup_data()
    {
        QTest::addColumn<QList<BackupEntry>>("entries");
        QTest::addColumn<bool>("stale");
        QTest::addColumn<QString>("freshness");
        const QString redis = QStringLiteral("redis");
        const auto hoursAgo = [](qint64 hours) { return kNow.addSecs(-hours * kSecondsPerHour); };
        QTest::addRow("verified an hour ago") << QList<BackupEntry>{entry(redis, hoursAgo(1), BackupEntry::Status::Verified)}
                                              << false << QStringLiteral("ok");
        QTest::addRow("verified 30 h ago") << QList<BackupEntry>{entry(redis, hoursAgo(30), BackupEntry::Status::Verified)}
                                           << true << QStringLiteral("stale");
        QTest::addRow("verified exactly max age ago")
            << QList<BackupEntry>{entry(redis, hoursAgo(kMaxAgeHours), BackupEntry::Status::Verified)} << true << QStringLiteral("stale");
        QTest::addRow("never backed up") << QList<BackupEntry>{} << true << QStringLiteral("no verified backup");
        QTest::addRow("recent failure does not count")
            << QList<BackupEntry>{entry(redis, hoursAgo(30), BackupEntry::Status::Verified),
                                  entry(redis, hoursAgo(1), BackupEntry::Status::Failed)}
            << true << QStringLiteral("stale");
        QTest::addRow("another target's backup does not count")
            << QList<BackupEntry>{entry(QStringLiteral("falkordb"), hoursAgo(1), BackupEntry::Status::Verified)} << true
            << QStringLiteral("no verified backup");
    }
    void targetIsFlaggedWithoutARecentVerifiedBackup()
    {
        QFETCH(QList<BackupEntry>, entries);
        QFETCH(bool, stale);
        QFETCH(QString, freshness);
        BackupTargetsModel model(settingsFor(QString()).targets, kMaxAgeHours);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCatalog(entries);
        model.setNow(kNow);
        const int row = rowOfTarget(model, QStringLiteral("redis"));
        QCOMPARE(model.isStale(row), stale);
        const QModelIndex cell = model.index(row, BackupTargetsModel::Freshness);
        QVERIFY2(cell.data().toString().startsWith(freshness), qPrintable(cell.data().toString()));
        QVERIFY(!cell.data(Qt::DecorationRole).value<QIcon>().isNull());
    }

    void targetsModelFollowsARun()
    {
        BackupTargetsModel model(settingsFor(QString()).targets, kMaxAgeHours);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int redis = rowOfTarget(model, QStringLiteral("redis"));
        const int falkordb = rowOfTarget(model, QStringLiteral("falkordb"));
        using State = BackupTargetsModel::RunState;
        const auto progressOf = [&](int row) { return model.index(row, BackupTargetsModel::Run).data(BackupTargetsModel::ProgressRole); };

        model.startRun({QStringLiteral("falkordb"), QStringLiteral("redis")});
        QCOMPARE(model.runState(falkordb), State::Running);
        QCOMPARE(model.runState(redis), State::Queued);
        QCOMPARE(progressOf(falkordb).toDouble(), -1.0); // no total known yet: a busy bar
        QVERIFY(!progressOf(redis).isValid());

        model.setProgress(QStringLiteral("falkordb"), 25, 100);
        QVERIFY(qAbs(progressOf(falkordb).toDouble() - 0.25) < kFractionTolerance);
        model.setFailed(QStringLiteral("falkordb"), QStringLiteral("connection refused"), false);
        QCOMPARE(model.runState(falkordb), State::Failed);
        QVERIFY(model.runText(falkordb).contains(QStringLiteral("connection refused")));
        QCOMPARE(model.runState(redis), State::Running); // the next one in the run
        model.setProgress(QStringLiteral("falkordb"), 99, 100); // late: ignored
        QCOMPARE(model.runState(falkordb), State::Failed);

        model.setNow(kNow);
        model.setSucceeded(entry(QStringLiteral("redis"), kNow, BackupEntry::Status::Verified));
        QCOMPARE(model.runState(redis), State::Verified);
        QVERIFY(!model.isStale(redis));
        QVERIFY(model.isStale(falkordb));
    }

    void cancelledTargetsSayCancelled()
    {
        BackupTargetsModel model(settingsFor(QString()).targets, kMaxAgeHours);
        model.startRun({QStringLiteral("redis"), QStringLiteral("falkordb")});
        model.setFailed(QStringLiteral("redis"), QStringLiteral("cancelled by the user"), true);
        model.setFailed(QStringLiteral("falkordb"), QStringLiteral("cancelled before it started"), true);
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.runState(row), BackupTargetsModel::RunState::Cancelled);
            QCOMPARE(model.runText(row), QStringLiteral("cancelled"));
        }
    }

    void productionRestoreNeedsTheExactEnvironmentName_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("enabled");
        QTest::addRow("nothing typed") << QString() << false;
        QTest::addRow("a prefix") << QStringLiteral("pro") << false;
        QTest::addRow("other case") << QStringLiteral("Prod") << false;
        QTest::addRow("trailing space") << QStringLiteral("prod ") << false;
        QTest::addRow("another environment") << QStringLiteral("sandbox") << false;
        QTest::addRow("the exact name") << QStringLiteral("prod") << true;
    }
    void productionRestoreNeedsTheExactEnvironmentName()
    {
        QFETCH(QString, typed);
        QFETCH(bool, enabled);
        const BackupEntry backup = entry(QStringLiteral("falkordb"), kNow, BackupEntry::Status::Verified);
        RestoreConfirmDialog dialog(backup, QStringLiteral("prod"), true);
        QVERIFY(dialog.question().contains(QStringLiteral("'prod'")));
        QVERIFY(dialog.question().contains(QStringLiteral("'falkordb'")));
        QVERIFY(dialog.confirmationField());
        QVERIFY(!dialog.restoreButton()->isEnabled());
        QTest::keyClicks(dialog.confirmationField(), typed);
        QCOMPARE(dialog.restoreButton()->isEnabled(), enabled);
        QCOMPARE(dialog.isConfirmed(), enabled);
        QVERIFY(!dialog.restoreButton()->isDefault()); // Enter alone never restores
    }

    void nonProductionRestoreAsksWithoutTyping()
    {
        const BackupEntry backup = entry(QStringLiteral("redis"), kNow, BackupEntry::Status::Verified);
        RestoreConfirmDialog dialog(backup, QStringLiteral("sandbox"), false);
        QVERIFY(!dialog.confirmationField());
        QVERIFY(dialog.restoreButton()->isEnabled());
        QVERIFY(dialog.question().contains(QStringLiteral("'sandbox'")));
        QVERIFY(dialog.question().contains(backup.id));
    }

    void panelFlagsAStaleTargetFromTheCatalogFile()
    {
        QTemporaryDir directory;
        BackupCatalog catalog(directory.path());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        catalog.append(entry(QStringLiteral("redis"), now.addSecs(-30 * kSecondsPerHour), BackupEntry::Status::Verified));
        catalog.append(entry(QStringLiteral("falkordb"), now.addSecs(-kSecondsPerHour), BackupEntry::Status::Verified));
        catalog.append(entry(QStringLiteral("falkordb"), now.addSecs(-2 * kSecondsPerHour), BackupEntry::Status::Failed));
        QString error;
        QVERIFY2(catalog.save(&error), qPrintable(error));

        BackupsTab tab(settingsFor(directory.path()));
        QSignalSpy loaded(&tab, &BackupsTab::catalogLoaded);
        QVERIFY(loaded.wait(kLoadWaitMs));
        const BackupTargetsModel &targets = *tab.targetsModel();
        QVERIFY(targets.isStale(rowOfTarget(targets, QStringLiteral("redis"))));
        QVERIFY(!targets.isStale(rowOfTarget(targets, QStringLiteral("falkordb"))));
        QCOMPARE(tab.catalogModel()->rowCount(), 3);
        QCOMPARE(tab.catalogModel()->entryAt(0)->target, QStringLiteral("falkordb"));
        QVERIFY2(tab.statusText().contains(QStringLiteral("3 backup")), qPrintable(tab.statusText()));

        tab.resize(1280, 760);
        tab.show();
        tab.selectTargets({QStringLiteral("redis")});
        QSignalSpy logShown(tab.logView(), &BackupLogView::shown);
        tab.selectEntry(tab.catalogModel()->entryAt(1)->id);
        QVERIFY(logShown.wait(kLoadWaitMs));
        saveScreenshot(tab, QStringLiteral("backups-tab-light.png"));
        Theme::apply(*qApp, Theme::Kind::Dark); // as the console's View > Dark theme does, on a live panel
        // The status line follows the theme: its text is readable on the dark window.
        QTRY_COMPARE_WITH_TIMEOUT(statusTextColour(tab), qApp->palette().color(QPalette::WindowText), kLoadWaitMs);
        saveScreenshot(tab, QStringLiteral("backups-tab-dark.png"));
        Theme::apply(*qApp, Theme::Kind::Light);
    }

    void shortcutsRefreshAndAskBeforeRestoring()
    {
        QTemporaryDir directory;
        BackupCatalog catalog(directory.path());
        const BackupEntry verified = entry(QStringLiteral("redis"), QDateTime::currentDateTimeUtc(), BackupEntry::Status::Verified);
        catalog.append(verified);
        QString error;
        QVERIFY2(catalog.save(&error), qPrintable(error));
        BackupsTab tab(settingsFor(directory.path()));
        QSignalSpy loaded(&tab, &BackupsTab::catalogLoaded);
        QVERIFY(loaded.wait(kLoadWaitMs));
        tab.show();
        QVERIFY(QTest::qWaitForWindowActive(&tab));

        QTest::keyClick(&tab, Qt::Key_F5);
        QVERIFY(loaded.wait(kLoadWaitMs));
        QVERIFY(!tab.findChild<RestoreConfirmDialog *>());
        tab.selectEntry(verified.id);
        QTest::keyClick(&tab, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(tab.findChild<RestoreConfirmDialog *>(), kLoadWaitMs);
        auto *dialog = tab.findChild<RestoreConfirmDialog *>();
        QVERIFY(dialog->question().contains(verified.id));
        dialog->reject();
    }

    void catalogWrittenByAnotherProcessAppears()
    {
        QTemporaryDir directory;
        BackupsTab tab(settingsFor(directory.path()));
        QSignalSpy loaded(&tab, &BackupsTab::catalogLoaded);
        QVERIFY(loaded.wait(kLoadWaitMs));
        QCOMPARE(tab.catalogModel()->rowCount(), 0);

        BackupCatalog catalog(directory.path()); // as `e2ictl backup` would, beside the console
        catalog.append(entry(QStringLiteral("redis"), QDateTime::currentDateTimeUtc(), BackupEntry::Status::Verified));
        QString error;
        QVERIFY2(catalog.save(&error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(tab.catalogModel()->rowCount(), 1, kLoadWaitMs);
        QVERIFY(!tab.targetsModel()->isStale(rowOfTarget(*tab.targetsModel(), QStringLiteral("redis"))));
    }

    void damagedCatalogIsReportedWithItsLine()
    {
        QTemporaryDir directory;
        QFile file(QDir(directory.path()).filePath(QLatin1String(BackupCatalog::kFileName)));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\n  \"version\": 1,\n  \"entries\": [ {\"id\": }\n]}\n");
        file.close();

        BackupsTab tab(settingsFor(directory.path()));
        QSignalSpy loaded(&tab, &BackupsTab::catalogLoaded);
        QVERIFY(loaded.wait(kLoadWaitMs));
        QVERIFY2(tab.statusText().contains(file.fileName() + QStringLiteral(":3:")), qPrintable(tab.statusText()));
        QCOMPARE(tab.catalogModel()->rowCount(), 0);
        QVERIFY(tab.targetsModel()->isStale(0));
    }
};

QTEST_MAIN(tst_backup_panel)
#include "tst_backup_panel.moc"
