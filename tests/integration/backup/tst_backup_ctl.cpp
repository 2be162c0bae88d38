// `e2ictl backup`, `backups list --json` and `restore` end to end against a
// real redis-server: the same engine as the console, the confirmations a
// script must give, and a production environment that needs its name typed.
#include "ProgramRun.h"
#include "RedisServerProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using e2i::test::RedisServerProcess;

namespace {

constexpr int kKeys = 200;
constexpr int kCtlTimeoutMs = 60'000;

struct CtlResult {
    int exitCode = -1;
    QString out;
    QString err;
};

void writeFile(const QString &path, const QString &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.toUtf8());
}

} // namespace

class tst_backup_ctl : public QObject
{
    Q_OBJECT
private:
    RedisServerProcess m_server{{QStringLiteral("repl-diskless-sync-delay 0")}};
    QTemporaryDir m_dir;

    CtlResult ctl(const QString &environment, const QStringList &arguments)
    {
        const e2i::test::ProgramRun run = e2i::test::runCtl(
            QStringList{arguments.first(), QStringLiteral("--config"), m_dir.filePath(QStringLiteral("console.yml")),
                        QStringLiteral("--env"), environment, QStringLiteral("--backup-config"),
                        m_dir.filePath(QStringLiteral("backup.yml"))}
                + arguments.mid(1),
            kCtlTimeoutMs);
        return {run.exitCode, QString::fromUtf8(run.out), QString::fromUtf8(run.err)};
    }

    QByteArray dbSize() { return m_server.cli({QStringLiteral("DBSIZE")}).trimmed(); }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        for (int i = 0; i < kKeys; ++i)
            m_server.cli({QStringLiteral("SET"), QStringLiteral("k%1").arg(i), QString::number(i)});
        QCOMPARE(dbSize(), QByteArray::number(kKeys));
        writeFile(m_dir.filePath(QStringLiteral("console.yml")),
                  QStringLiteral("environments:\n  sandbox: {}\n  prod: {production: true}\n"));
        writeFile(m_dir.filePath(QStringLiteral("backup.yml")),
                  QStringLiteral("directory: backups\n"
                                 "targets:\n"
                                 "  redis:\n"
                                 "    kind: redis-rdb\n"
                                 "    url: redis://127.0.0.1:%1/0\n"
                                 "    data_dir: %2\n"
                                 "    start_command: %3\n"
                                 "    restore: [redis:shutdown-nosave, redis:replace-rdb, redis:start, redis:wait-ready, redis:verify-keys]\n")
                      .arg(m_server.port())
                      .arg(m_server.directory(), m_server.startCommand()));
    }

    void backupListAndRestore()
    {
        const CtlResult backup = ctl(QStringLiteral("sandbox"), {QStringLiteral("backup")});
        QVERIFY2(backup.exitCode == 0, qPrintable(backup.out + backup.err));
        QVERIFY2(backup.out.contains(QStringLiteral("redis: verified")), qPrintable(backup.out));

        const CtlResult list = ctl(QStringLiteral("sandbox"), {QStringLiteral("backups"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(list.exitCode, 0);
        const QJsonArray entries = QJsonDocument::fromJson(list.out.toUtf8()).array();
        QCOMPARE(entries.size(), 1);
        const QJsonObject entry = entries.first().toObject();
        QCOMPARE(entry.value(QLatin1String("status")).toString(), QStringLiteral("verified"));
        QCOMPARE(entry.value(QLatin1String("environment")).toString(), QStringLiteral("sandbox"));
        QCOMPARE(entry.value(QLatin1String("keys_at_start")).toInteger(), kKeys);
        const QString id = entry.value(QLatin1String("id")).toString();

        m_server.cli({QStringLiteral("FLUSHALL")});
        const CtlResult unconfirmed = ctl(QStringLiteral("sandbox"), {QStringLiteral("restore"), id});
        QCOMPARE(unconfirmed.exitCode, 1);
        QVERIFY2(unconfirmed.err.contains(QStringLiteral("pass --yes")), qPrintable(unconfirmed.err));
        QCOMPARE(dbSize(), QByteArray("0")); // untouched

        const CtlResult restored = ctl(QStringLiteral("sandbox"), {QStringLiteral("restore"), id, QStringLiteral("--yes")});
        QVERIFY2(restored.exitCode == 0, qPrintable(restored.out + restored.err));
        QCOMPARE(dbSize(), QByteArray::number(kKeys));
    }

    void productionNeedsItsNameTyped()
    {
        const CtlResult list = ctl(QStringLiteral("prod"), {QStringLiteral("backups"), QStringLiteral("list"), QStringLiteral("--json")});
        const QString id = QJsonDocument::fromJson(list.out.toUtf8()).array().first().toObject().value(QLatin1String("id")).toString();
        QVERIFY(!id.isEmpty());
        const CtlResult yesOnly = ctl(QStringLiteral("prod"), {QStringLiteral("restore"), id, QStringLiteral("--yes")});
        QCOMPARE(yesOnly.exitCode, 1);
        QVERIFY2(yesOnly.err.contains(QStringLiteral("--confirm-env prod")), qPrintable(yesOnly.err));
        const CtlResult wrongName = ctl(QStringLiteral("prod"), {QStringLiteral("restore"), id, QStringLiteral("--yes"),
                                                                 QStringLiteral("--confirm-env"), QStringLiteral("sandbox")});
        QCOMPARE(wrongName.exitCode, 1);
        const CtlResult confirmed = ctl(QStringLiteral("prod"), {QStringLiteral("restore"), id, QStringLiteral("--yes"),
                                                                 QStringLiteral("--confirm-env"), QStringLiteral("prod")});
        QVERIFY2(confirmed.exitCode == 0, qPrintable(confirmed.out + confirmed.err));
        QCOMPARE(dbSize(), QByteArray::number(kKeys));
    }

    void unknownTargetFailsWithoutStoppingTheRun()
    {
        const CtlResult backup = ctl(QStringLiteral("sandbox"), {QStringLiteral("backup"), QStringLiteral("nosuch"), QStringLiteral("redis")});
        QCOMPARE(backup.exitCode, 1);
        QVERIFY2(backup.out.contains(QStringLiteral("nosuch: FAILED")), qPrintable(backup.out));
        QVERIFY2(backup.out.contains(QStringLiteral("redis: verified")), qPrintable(backup.out));
    }

    void unknownEntryIsReported()
    {
        const CtlResult restore = ctl(QStringLiteral("sandbox"), {QStringLiteral("restore"), QStringLiteral("redis-nope"), QStringLiteral("--yes")});
        QCOMPARE(restore.exitCode, 2);
        QVERIFY2(restore.err.contains(QStringLiteral("no backup 'redis-nope'")), qPrintable(restore.err));
    }
};

QTEST_GUILESS_MAIN(tst_backup_ctl)
#include "tst_backup_ctl.moc"
