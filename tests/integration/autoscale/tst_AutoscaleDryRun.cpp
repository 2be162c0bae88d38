// `e2ictl autoscale --dry-run` against a bare redis-server holding a shap backlog:
// decisions are logged with their inputs and never applied, and the policy file is
// re-read when it changes, a version that fails validation being logged and ignored.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

const int ProcessTimeoutMs = 10000;
const int DecisionTimeoutMs = 30000;

} // namespace

class tst_AutoscaleDryRun : public QObject {
    Q_OBJECT
private slots:
    void logsDecisionsAndReloadsValidPolicyOnly();
    void cleanup();

private:
    QByteArray redisCli(const QStringList &arguments) const;
    void writePolicy(const QByteArray &text);

    QTemporaryDir m_dir;
    QString m_port;
    QString m_policy;
    QProcess m_redis;
    QProcess m_autoscaler;
    QString m_log;
};

QByteArray tst_AutoscaleDryRun::redisCli(const QStringList &arguments) const
{
    QProcess cli;
    cli.start(QStringLiteral("redis-cli"), QStringList{QStringLiteral("-p"), m_port} + arguments);
    cli.waitForFinished(ProcessTimeoutMs);
    return cli.readAllStandardOutput().trimmed();
}

void tst_AutoscaleDryRun::writePolicy(const QByteArray &text)
{
    QFile file(m_policy);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text);
}

void tst_AutoscaleDryRun::cleanup()
{
    for (QProcess *process : {&m_autoscaler, &m_redis}) {
        if (process->state() == QProcess::NotRunning)
            continue;
        process->terminate();
        if (!process->waitForFinished(ProcessTimeoutMs))
            process->kill();
    }
}

void tst_AutoscaleDryRun::logsDecisionsAndReloadsValidPolicyOnly()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    m_port = QString::number(probe.serverPort());
    probe.close();
    m_redis.start(QStringLiteral("redis-server"), {QStringLiteral("--port"), m_port, QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                                                   QStringLiteral("--save"), QString(), QStringLiteral("--appendonly"), QStringLiteral("no")});
    QVERIFY(m_redis.waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(redisCli({QStringLiteral("PING")}), QByteArray("PONG"), ProcessTimeoutMs);
    QCOMPARE(redisCli({QStringLiteral("RPUSH"), QStringLiteral("shap"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}), QByteArray("3"));

    QFile fast(QStringLiteral(E2I_TEST_DATA_DIR "/autoscale/fast-policy.yml"));
    QVERIFY(fast.open(QIODevice::ReadOnly));
    const QByteArray policy = fast.readAll();
    m_policy = m_dir.filePath(QStringLiteral("autoscale.yml"));
    writePolicy(policy);

    m_autoscaler.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_autoscaler, &QProcess::readyRead, this, [this] { m_log += QString::fromUtf8(m_autoscaler.readAll()); });
    m_autoscaler.start(QStringLiteral(E2I_BINARY_DIR "/app/e2ictl"),
                       {QStringLiteral("autoscale"), QStringLiteral("--dry-run"),
                        QStringLiteral("--config"), m_dir.filePath(QStringLiteral("none.yml")),
                        QStringLiteral("--compose"), QStringLiteral(E2I_SOURCE_DIR "/resources/platform/docker-compose.yml"),
                        QStringLiteral("--autoscale"), m_policy,
                        QStringLiteral("--redis"), QStringLiteral("redis://127.0.0.1:%1/0").arg(m_port)});
    QTRY_VERIFY2_WITH_TIMEOUT(m_log.contains(QStringLiteral("tier heavy: queued=3 running=0 -> target 2 (activate")),
                              qPrintable(m_log), DecisionTimeoutMs);

    QByteArray invalid = policy;
    invalid.replace("    min_replicas: 0\n", "    min_replicas: 9\n");
    writePolicy(invalid);
    QTRY_VERIFY2_WITH_TIMEOUT(m_log.contains(QStringLiteral("ignored: it fails validation")), qPrintable(m_log), DecisionTimeoutMs);
    QVERIFY(m_log.contains(QStringLiteral("rule: 0 <= min_replicas <= max_replicas")));

    QByteArray slower = policy;
    slower.replace("poll_interval_seconds: 2\n", "poll_interval_seconds: 3\n");
    writePolicy(slower);
    QTRY_VERIFY2_WITH_TIMEOUT(m_log.contains(QStringLiteral("(poll 3 s)")), qPrintable(m_log), DecisionTimeoutMs);
    QVERIFY2(!m_log.contains(QStringLiteral(": scale to ")), qPrintable(m_log));
}

QTEST_GUILESS_MAIN(tst_AutoscaleDryRun)
#include "tst_AutoscaleDryRun.moc"
