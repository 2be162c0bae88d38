// `e2ictl thresholds` run as a process, the way scripts use it.
#include "ProgramRun.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

const int ProcessTimeoutMs = 30000;

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class tst_ThresholdsCommand : public QObject {
    Q_OBJECT
private slots:
    void init();
    void getPrintsThePolicyAsJson();
    void setWritesAndPrintsDiff();
    void dryRunWritesNothing();
    void invalidValueNamesTierFieldRuleAndLeavesFile();
    void validateReportsBadFile();
    void undoRestoresThePreviousVersion();
    void publishSetsPolicyAndVersionInRedis();

private:
    Run e2ictl(QStringList arguments) const;

    QTemporaryDir m_dir;
    QString m_compose;
    QString m_autoscale;
    QByteArray m_original;
};

void tst_ThresholdsCommand::init()
{
    QDir(m_dir.path()).mkpath(QStringLiteral("docker"));
    QDir(m_dir.path()).mkpath(QStringLiteral("config"));
    m_compose = m_dir.filePath(QStringLiteral("docker/docker-compose.yml"));
    m_autoscale = m_dir.filePath(QStringLiteral("config/autoscale.yml"));
    for (const QString &name : QDir(m_dir.filePath(QStringLiteral("config"))).entryList(QDir::Files))
        QFile::remove(m_dir.filePath(QStringLiteral("config/") + name));
    QFile::remove(m_compose);
    QVERIFY(QFile::copy(QStringLiteral(E2I_SOURCE_DIR "/resources/platform/docker-compose.yml"), m_compose));
    QVERIFY(QFile::copy(QStringLiteral(E2I_TEST_DATA_DIR "/autoscale/autoscale.yml"), m_autoscale));
    QFile::setPermissions(m_autoscale, QFile::ReadOwner | QFile::WriteOwner);
    m_original = readAll(m_autoscale);
}

Run tst_ThresholdsCommand::e2ictl(QStringList arguments) const
{
    // An empty config path keeps the developer's own console.yml out of the test.
    arguments.prepend(QStringLiteral("thresholds"));
    arguments << QStringLiteral("--config") << m_dir.filePath(QStringLiteral("no-console.yml"))
              << QStringLiteral("--compose") << m_compose << QStringLiteral("--autoscale") << m_autoscale;
    const e2i::test::ProgramRun run = e2i::test::runCtl(arguments, ProcessTimeoutMs);
    return {run.exitCode, QString::fromUtf8(run.out), QString::fromUtf8(run.err)};
}

void tst_ThresholdsCommand::getPrintsThePolicyAsJson()
{
    const Run run = e2ictl({QStringLiteral("get"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject policy = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(policy.value(QStringLiteral("poll_interval_seconds")).toInt(), 15);
    const QJsonArray tiers = policy.value(QStringLiteral("tiers")).toArray();
    QCOMPARE(tiers.size(), 3);
    const QJsonObject heavy = tiers.at(2).toObject();
    QCOMPARE(heavy.value(QStringLiteral("name")).toString(), QStringLiteral("heavy"));
    QCOMPARE(heavy.value(QStringLiteral("scale_up_step")).toInt(), 2);
    QCOMPARE(heavy.value(QStringLiteral("scale_down_cooldown_seconds")).toInt(), 600);
    // light's cooldowns come from defaults through the merge key.
    QCOMPARE(tiers.at(0).toObject().value(QStringLiteral("scale_up_cooldown_seconds")).toInt(), 60);
}

void tst_ThresholdsCommand::setWritesAndPrintsDiff()
{
    const Run run = e2ictl({QStringLiteral("set"), QStringLiteral("heavy"), QStringLiteral("max_replicas=6"),
                            QStringLiteral("scale_up_cooldown_seconds=30")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("tiers.heavy.max_replicas: 4 -> 6")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("tiers.heavy.scale_up_cooldown_seconds: 60 -> 30")), qPrintable(run.out));
    QVERIFY(run.out.contains(QStringLiteral("new key")));
    QByteArray expected = m_original;
    // light also has "max_replicas: 4"; heavy's is the one before its threshold comment.
    expected.replace("    max_replicas: 4\n    scale_up_threshold: 1 ", "    max_replicas: 6\n    scale_up_threshold: 1 ");
    expected.replace("    scale_down_cooldown_seconds: 600", "    scale_down_cooldown_seconds: 600\n    scale_up_cooldown_seconds: 30");
    QCOMPARE(readAll(m_autoscale), expected);
    QCOMPARE(QDir(m_dir.filePath(QStringLiteral("config"))).entryList({QStringLiteral("autoscale.yml.*.bak")}).size(), 1);
}

void tst_ThresholdsCommand::dryRunWritesNothing()
{
    const Run run = e2ictl({QStringLiteral("set"), QStringLiteral("light"), QStringLiteral("scale_up_threshold=25"),
                            QStringLiteral("--dry-run")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.contains(QStringLiteral("tiers.light.scale_up_threshold: 20 -> 25")));
    QCOMPARE(readAll(m_autoscale), m_original);
}

void tst_ThresholdsCommand::invalidValueNamesTierFieldRuleAndLeavesFile()
{
    const Run run = e2ictl({QStringLiteral("set"), QStringLiteral("light"), QStringLiteral("scale_down_threshold=30")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("tiers.light.scale_up_threshold")), qPrintable(run.err));
    QVERIFY(run.err.contains(QStringLiteral("tier 'light'")));
    QVERIFY(run.err.contains(QStringLiteral("rule: scale_up_threshold > scale_down_threshold >= 0")));
    QCOMPARE(readAll(m_autoscale), m_original);
}

void tst_ThresholdsCommand::validateReportsBadFile()
{
    const QString bad = m_dir.filePath(QStringLiteral("bad.yml"));
    QByteArray text = m_original;
    text.replace("    scale_up_step: 2\n", "    scale_up_step: 0\n");
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
    file.close();
    const Run run = e2ictl({QStringLiteral("validate"), bad});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("bad.yml:44")), qPrintable(run.err));
    QVERIFY(run.err.contains(QStringLiteral("tiers.heavy.scale_up_step")));

    const Run good = e2ictl({QStringLiteral("validate"), m_autoscale});
    QVERIFY2(good.exitCode == 0, qPrintable(good.err));
    QVERIFY(good.out.contains(QStringLiteral("valid (3 tiers)")));
}

void tst_ThresholdsCommand::undoRestoresThePreviousVersion()
{
    QCOMPARE(e2ictl({QStringLiteral("set"), QStringLiteral("medium"), QStringLiteral("scale_up_step=3")}).exitCode, 0);
    QVERIFY(readAll(m_autoscale) != m_original);
    const Run undo = e2ictl({QStringLiteral("undo")});
    QVERIFY2(undo.exitCode == 0, qPrintable(undo.err));
    QCOMPARE(readAll(m_autoscale), m_original);
}

void tst_ThresholdsCommand::publishSetsPolicyAndVersionInRedis()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const QString port = QString::number(probe.serverPort());
    probe.close();
    QProcess redis;
    redis.start(QStringLiteral("redis-server"), {QStringLiteral("--port"), port, QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                                                 QStringLiteral("--save"), QString(), QStringLiteral("--appendonly"), QStringLiteral("no")});
    QVERIFY(redis.waitForStarted());
    const auto redisCli = [&](const QStringList &arguments) {
        QProcess cli;
        cli.start(QStringLiteral("redis-cli"), QStringList{QStringLiteral("-p"), port} + arguments);
        cli.waitForFinished(ProcessTimeoutMs);
        return cli.readAllStandardOutput().trimmed();
    };
    QTRY_COMPARE_WITH_TIMEOUT(redisCli({QStringLiteral("PING")}), QByteArray("PONG"), ProcessTimeoutMs);

    const QString url = QStringLiteral("redis://127.0.0.1:%1/0").arg(port);
    for (const QString &value : {QStringLiteral("5"), QStringLiteral("6")}) {
        const Run run = e2ictl({QStringLiteral("set"), QStringLiteral("heavy"), QStringLiteral("max_replicas=") + value,
                                QStringLiteral("--publish"), QStringLiteral("--redis"), url});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }
    QCOMPARE(redisCli({QStringLiteral("GET"), QStringLiteral("e2i:autoscale:policy:version")}), QByteArray("2"));
    const QJsonObject policy = QJsonDocument::fromJson(redisCli({QStringLiteral("GET"), QStringLiteral("e2i:autoscale:policy")})).object();
    QCOMPARE(policy.value(QStringLiteral("version")).toInt(), 2);
    QCOMPARE(policy.value(QStringLiteral("tiers")).toArray().at(2).toObject().value(QStringLiteral("max_replicas")).toInt(), 6);

    // An undo goes through the same write → read back → publish: the restored file is live.
    const Run undo = e2ictl({QStringLiteral("undo"), QStringLiteral("--publish"), QStringLiteral("--redis"), url});
    QVERIFY2(undo.exitCode == 0, qPrintable(undo.err));
    QVERIFY2(undo.out.contains(QStringLiteral("read back:")), qPrintable(undo.out));
    QCOMPARE(redisCli({QStringLiteral("GET"), QStringLiteral("e2i:autoscale:policy:version")}), QByteArray("3"));
    const QJsonObject restored = QJsonDocument::fromJson(redisCli({QStringLiteral("GET"), QStringLiteral("e2i:autoscale:policy")})).object();
    QCOMPARE(restored.value(QStringLiteral("tiers")).toArray().at(2).toObject().value(QStringLiteral("max_replicas")).toInt(), 5);
    redis.terminate();
    QVERIFY(redis.waitForFinished(ProcessTimeoutMs));
}

QTEST_GUILESS_MAIN(tst_ThresholdsCommand)
#include "tst_ThresholdsCommand.moc"
