// Task history end to end: a real `e2ictl record` against the sandbox (real
// redis-server, real Celery 5.2 workers) records tasks that fail; after the
// recorder has stopped, `e2ictl tasks --failed --json --history FILE` reads
// them back: the per-name counts, and each failure with its exception,
// traceback, worker and queue, never the task's arguments.
#include "ProgramRun.h"
#include "RecorderProcess.h"
#include "SandboxPlatform.h"
#include "history/HistoryStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace e2i;

namespace {
constexpr int kFailTasks = 10;
// The sandbox's thread-pool workers lose a few task events under concurrency
// (see tst_flow_sandbox), so failures are counted as "at least half".
constexpr int kAtLeast = kFailTasks / 2;
constexpr int kTaskTimeoutMs = 60'000;
const QString kUnstable = QStringLiteral("e2i.sandbox.unstable");
const QString kFakeSecret = QStringLiteral("sandbox-secret-do-not-print");
} // namespace

class tst_task_history_sandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void recordedFailuresAreReadBackAfterTheRecorderStopped();

private:
    QJsonObject tasksJson(QByteArray *raw = nullptr);
    qint64 lastSampleMs() const;
    static int failuresOf(const QJsonObject &json);

    std::unique_ptr<test::SandboxPlatform> m_sandbox;
    QTemporaryDir m_dir;
    QString m_history;
};

void tst_task_history_sandbox::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_history = m_dir.filePath(QStringLiteral("history.sqlite"));
    m_sandbox = std::make_unique<test::SandboxPlatform>(QStringList{QStringLiteral("--no-load"), QStringLiteral("--time-scale"), QStringLiteral("0.01")});
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
}

void tst_task_history_sandbox::cleanupTestCase()
{
    m_sandbox.reset();
}

QJsonObject tst_task_history_sandbox::tasksJson(QByteArray *raw)
{
    const test::ProgramRun run = test::runCtl({QStringLiteral("tasks"), QStringLiteral("--config"), m_sandbox->consoleConfig(),
                                               QStringLiteral("--history"), m_history, QStringLiteral("--failed"),
                                               QStringLiteral("--json"), QStringLiteral("--since"), QStringLiteral("30m")},
                                              30'000);
    if (raw)
        *raw = run.out;
    return run.exitCode == 0 ? QJsonDocument::fromJson(run.out).object() : QJsonObject();
}

// The recorder writes samples only once its monitor has heard a full
// heartbeat period, by which time it listens to the task events.
qint64 tst_task_history_sandbox::lastSampleMs() const
{
    HistoryStore store;
    return store.openExisting(m_history) ? store.lastSampleMs() : 0;
}

int tst_task_history_sandbox::failuresOf(const QJsonObject &json)
{
    return int(json.value(QLatin1String("failures")).toArray().size());
}

void tst_task_history_sandbox::recordedFailuresAreReadBackAfterTheRecorderStopped()
{
    test::RecorderProcess recorder;
    QVERIFY(recorder.start(m_sandbox->consoleConfig(), {QStringLiteral("--history"), m_history}));
    QTRY_VERIFY_WITH_TIMEOUT(lastSampleMs() > 0, 30'000);
    QVERIFY(m_sandbox->ctl({QStringLiteral("enqueue"), QStringLiteral("quick"), QString::number(kFailTasks),
                            QStringLiteral("--task"), QStringLiteral("fail")}));
    // Failures are written as they are heard, while the recorder runs.
    QTRY_VERIFY_WITH_TIMEOUT(failuresOf(tasksJson()) >= kAtLeast, kTaskTimeoutMs);
    recorder.stop();
    QVERIFY(!recorder.running());

    QByteArray raw;
    const QJsonObject json = tasksJson(&raw);
    QVERIFY2(!raw.contains(kFakeSecret.toUtf8()), raw.constData());
    QVERIFY2(json.value(QLatin1String("source")).toString().startsWith(QLatin1String("history")), raw.constData());
    const QJsonArray failures = json.value(QLatin1String("failures")).toArray();
    QVERIFY2(failures.size() >= kAtLeast, raw.constData());
    for (const QJsonValue &value : failures) {
        const QJsonObject f = value.toObject();
        QCOMPARE(f.value(QLatin1String("name")).toString(), kUnstable);
        QCOMPARE(f.value(QLatin1String("exception_type")).toString(), QStringLiteral("ValueError"));
        QVERIFY2(f.value(QLatin1String("message")).toString().startsWith(QLatin1String("boom ")), raw.constData());
        QVERIFY2(f.value(QLatin1String("traceback")).toString().contains(QLatin1String("raise ValueError")), raw.constData());
        QVERIFY2(f.value(QLatin1String("worker")).toString().startsWith(QLatin1String("light@")), raw.constData());
        QCOMPARE(f.value(QLatin1String("queue")).toString(), QStringLiteral("quick"));
        QVERIFY(!f.contains(QLatin1String("args")));
    }
    // The minute the recorder stopped in was written at its stop: the counts
    // hold every failure, not only those of minutes that had ended.
    qint64 failed = 0;
    for (const QJsonValue &row : json.value(QLatin1String("tasks")).toArray())
        if (row.toObject().value(QLatin1String("name")).toString() == kUnstable)
            failed += row.toObject().value(QLatin1String("failed")).toInteger();
    QVERIFY2(failed >= failures.size(), raw.constData());

    const test::ProgramRun events = test::runCtl({QStringLiteral("events"), QStringLiteral("--config"), m_sandbox->consoleConfig(),
                                                  QStringLiteral("--history"), m_history, QStringLiteral("--kind"),
                                                  QStringLiteral("task_failed"), QStringLiteral("--json")});
    QCOMPARE(events.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(events.out).array().size(), failures.size());
}

QTEST_GUILESS_MAIN(tst_task_history_sandbox)
#include "tst_task_history_sandbox.moc"
