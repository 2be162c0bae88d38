// Backups of the sandbox platform as an operator takes them: `e2ictl` with only
// the sandbox's console.yml, whose environment names the backup.yml the sandbox
// wrote. Every target (both Redis servers, the four volume stand-ins) is backed
// up and verified; a Redis restore and a volume restore bring back what was
// there at backup time and drop what came after.
#include "ProgramRun.h"
#include "SandboxPlatform.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using e2i::test::SandboxPlatform;

namespace {

constexpr int kCtlTimeoutMs = 90'000;
const QStringList kTargets{QStringLiteral("redis"), QStringLiteral("falkordb"), QStringLiteral("mlflow_data"),
                           QStringLiteral("bentoml_models"), QStringLiteral("feast_data"), QStringLiteral("opik_data")};

} // namespace

class tst_backup_sandbox : public QObject
{
    Q_OBJECT
private:
    SandboxPlatform m_sandbox;

    e2i::test::ProgramRun ctl(const QStringList &arguments)
    {
        return e2i::test::runCtl(QStringList{arguments.first(), QStringLiteral("--config"), m_sandbox.consoleConfig()} + arguments.mid(1),
                            kCtlTimeoutMs);
    }

    QString newestEntry(const QString &target)
    {
        const e2i::test::ProgramRun listed = ctl({QStringLiteral("backups"), QStringLiteral("list"), QStringLiteral("--json")});
        const QJsonDocument document = QJsonDocument::fromJson(listed.out);
        const QJsonArray entries = document.isArray() ? document.array() : document.object().value(QStringLiteral("entries")).toArray();
        QString newest;
        for (const QJsonValue &entry : entries)
            if (entry[QStringLiteral("target")].toString() == target && entry[QStringLiteral("status")].toString() == QLatin1String("verified"))
                newest = qMax(newest, entry[QStringLiteral("id")].toString());
        return newest;
    }

    QString volumeFile(const QString &volume, const QString &name) const
    {
        return QDir(m_sandbox.directory()).filePath(QStringLiteral("volumes/%1/%2").arg(volume, name));
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.start(&error), qPrintable(error));
    }

    void everyTargetIsBackedUpAndRestorable()
    {
        m_sandbox.redisCli({QStringLiteral("SET"), QStringLiteral("before-backup"), QStringLiteral("1")});
        QFile notes(volumeFile(QStringLiteral("mlflow_data"), QStringLiteral("run.txt")));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("as backed up\n");
        notes.close();

        const e2i::test::ProgramRun backup = ctl({QStringLiteral("backup")});
        QVERIFY2(backup.exitCode == 0, QByteArray(backup.out + backup.err).constData());
        for (const QString &target : kTargets)
            QVERIFY2(!newestEntry(target).isEmpty(), qPrintable(target + QStringLiteral(": no verified backup\n") + QString::fromUtf8(backup.out)));

        // After the backup: a new key, a deleted one, a changed file.
        m_sandbox.redisCli({QStringLiteral("SET"), QStringLiteral("after-backup"), QStringLiteral("1")});
        m_sandbox.redisCli({QStringLiteral("DEL"), QStringLiteral("before-backup")});
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("changed later\n");
        notes.close();

        for (const QString &target : {QStringLiteral("redis"), QStringLiteral("mlflow_data")}) {
            const e2i::test::ProgramRun restored = ctl({QStringLiteral("restore"), newestEntry(target), QStringLiteral("--yes")});
            QVERIFY2(restored.exitCode == 0, QByteArray(restored.out + restored.err).constData());
        }
        QCOMPARE(m_sandbox.redisCli({QStringLiteral("EXISTS"), QStringLiteral("before-backup")}).trimmed(), QByteArray("(integer) 1"));
        QCOMPARE(m_sandbox.redisCli({QStringLiteral("EXISTS"), QStringLiteral("after-backup")}).trimmed(), QByteArray("(integer) 0"));
        QVERIFY(notes.open(QIODevice::ReadOnly));
        QCOMPARE(notes.readAll(), QByteArray("as backed up\n"));
    }
};

QTEST_GUILESS_MAIN(tst_backup_sandbox)
#include "tst_backup_sandbox.moc"
