// Is the work flowing, against a real sandbox: real redis-server and real
// Celery 5.2 workers that fail, retry, stall, get killed and stop consuming.
// Each finding must show within two sample intervals of becoming true (plus
// what the platform itself needs to show it: a heartbeat period, the stall
// time) and clear the same way.
#include "ProgramRun.h"
#include "SandboxPlatform.h"
#include "monitor/PlatformMonitor.h"
#include "session/PlatformResolver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <memory>

using namespace e2i;

namespace {
constexpr int kIntervalMs = 500;
constexpr int kHeartbeatMs = 2000;        // Celery's default period
constexpr int kSlackMs = 2500;            // scheduling on a loaded 2-core machine
constexpr int kWithinTwoSamples = 2 * kIntervalMs + kSlackMs;
constexpr int kStallSeconds = 5;
constexpr int kLostForgetSeconds = 10;
constexpr int kTaskTimeoutMs = 60'000;    // tasks of a cold sandbox on a busy machine
const QString kUnstable = QStringLiteral("e2i.sandbox.unstable");
const QString kFakeSecret = QStringLiteral("sandbox-secret-do-not-print");
// The sandbox's workers run --pool=threads, whose task events Celery 5.2 batches
// in a buffer that pool threads fill while the event loop flushes it: a few are
// lost under concurrency (seen: 21 of 24 events for 6 tasks). Counts are therefore
// checked as "at least", with enough tasks that the thresholds are still crossed.
constexpr int kFailTasks = 10;
constexpr int kPassTasks = 100;
} // namespace

class tst_flow_sandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void failuresCarryExceptionTypeAndTraceback();
    void failingRaisedAndCleared();
    void retriesAreCounted();
    void e2ictlTasksPrintsTheTableWithoutArguments();
    void noConsumerRaisedAndClearedFromActiveQueues();
    void stalledRaisedAndCleared();
    void workerLostRaisedAndForgottenCleanStopIsNot();

private:
    const FlowFinding *finding(const QString &kind, const QString &subject) const;
    TaskCounts failingCounts(const QString &name) const;
    TaskStats stats(const QString &name) const;
    void ctl(const QStringList &arguments);

    std::unique_ptr<test::SandboxPlatform> m_sandbox;
    std::unique_ptr<PlatformMonitor> m_monitor;
    MonitorOptions m_options;
};

void tst_flow_sandbox::initTestCase()
{
    m_sandbox = std::make_unique<test::SandboxPlatform>(QStringList{QStringLiteral("--no-load"), QStringLiteral("--time-scale"), QStringLiteral("0.01")});
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    PlatformArguments args;
    args.configFile = m_sandbox->consoleConfig();
    ResolvedPlatform resolved = PlatformResolver::resolve(args);
    QVERIFY2(resolved.options.has_value(), qPrintable(resolved.error));
    m_options = *resolved.options;
    m_options.settings.sampleIntervalMs = kIntervalMs;
    m_options.settings.probeTimeoutMs = 1000;
    m_options.flow.stallSeconds = kStallSeconds;
    m_options.flow.lostWorkerForgetSeconds = kLostForgetSeconds;
    m_monitor = std::make_unique<PlatformMonitor>(m_options);
    m_monitor->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_monitor->isComplete(), 15'000);
}

void tst_flow_sandbox::cleanupTestCase()
{
    m_monitor.reset();
    m_sandbox.reset();
}

const FlowFinding *tst_flow_sandbox::finding(const QString &kind, const QString &subject) const
{
    for (const auto &f : m_monitor->latest().attention)
        if (f.kind == kind && f.subject == subject)
            return &f;
    return nullptr;
}

TaskCounts tst_flow_sandbox::failingCounts(const QString &name) const
{
    return m_monitor->latestFlow().failingWindow.value(name);
}

TaskStats tst_flow_sandbox::stats(const QString &name) const
{
    TaskStats sum;
    for (const auto &s : m_monitor->latestFlow().windows.value(5)) {
        if (s.name == name) {
            sum = s;
            break;
        }
    }
    return sum;
}

void tst_flow_sandbox::ctl(const QStringList &arguments)
{
    QString output;
    QVERIFY2(m_sandbox->ctl(arguments, &output), qPrintable(arguments.join(u' ') + QStringLiteral(": ") + output));
}

void tst_flow_sandbox::failuresCarryExceptionTypeAndTraceback()
{
    ctl({QStringLiteral("enqueue"), QStringLiteral("quick"), QString::number(kFailTasks), QStringLiteral("--task"), QStringLiteral("fail")});
    QTRY_VERIFY2_WITH_TIMEOUT(m_monitor->latestFlow().failures.size() >= kFailTasks / 2,
                              qPrintable(QStringLiteral("%1 task events, %2 failures, flow at %3, sample at %4")
                                             .arg(m_monitor->latestFlow().taskEvents)
                                             .arg(m_monitor->latestFlow().failures.size())
                                             .arg(m_monitor->latestFlow().takenAt.toString(Qt::ISODateWithMs),
                                                  m_monitor->latest().sampledAt.toString(Qt::ISODateWithMs))),
                              kTaskTimeoutMs);
    const TaskFailure f = m_monitor->latestFlow().failures.first();
    QCOMPARE(f.name, kUnstable);
    QCOMPARE(f.exceptionType, QStringLiteral("ValueError"));
    QVERIFY2(f.message.startsWith(QStringLiteral("boom ")), qPrintable(f.message));
    QVERIFY2(f.traceback.contains(QStringLiteral("raise ValueError")), qPrintable(f.traceback));
    QVERIFY(f.traceback.contains(QStringLiteral("Traceback (most recent call last)")));
    QVERIFY2(f.worker.startsWith(QStringLiteral("light@")), qPrintable(f.worker));
    QCOMPARE(f.queue, QStringLiteral("quick"));
    QCOMPARE(f.tier, QStringLiteral("light"));
    QVERIFY(f.at.isValid());
    QVERIFY(f.args.isEmpty()); // show_task_args is off: the fake secret never arrives
}

void tst_flow_sandbox::failingRaisedAndCleared()
{
    // All failed in the previous test (the window is 5 minutes).
    QTRY_VERIFY_WITH_TIMEOUT(failingCounts(kUnstable).failed >= 5, kTaskTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(finding(FlowFindingKinds::Failing, kUnstable), kWithinTwoSamples);
    QVERIFY(finding(FlowFindingKinds::Failing, kUnstable)->detail.contains(QStringLiteral("failed")));
    // Successes bring it under the 20 % default (at most 10 of 60 once 50 are seen).
    ctl({QStringLiteral("enqueue"), QStringLiteral("quick"), QString::number(kPassTasks), QStringLiteral("--task"), QStringLiteral("pass")});
    QTRY_VERIFY_WITH_TIMEOUT(failingCounts(kUnstable).succeeded >= kPassTasks / 2, kTaskTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!finding(FlowFindingKinds::Failing, kUnstable), kWithinTwoSamples);
}

void tst_flow_sandbox::retriesAreCounted()
{
    const QString name = QStringLiteral("e2i.sandbox.retrying");
    ctl({QStringLiteral("enqueue"), QStringLiteral("default"), QStringLiteral("4"), QStringLiteral("--task"), QStringLiteral("retry")});
    QTRY_VERIFY_WITH_TIMEOUT(stats(name).counts.failed >= 2 && stats(name).counts.retried >= 4, kTaskTimeoutMs);
    const TaskStats s = stats(name);
    QVERIFY(s.counts.retried <= 8); // two retries each, then the failure
    QCOMPARE(s.queue, QStringLiteral("default"));
    QVERIFY(s.retryRate > 0);
    QVERIFY(s.waitP95 >= 0);
    QVERIFY(s.runtimeP95 >= 0);
    bool found = false;
    for (const auto &f : m_monitor->latestFlow().failures)
        found = found || (f.name == name && f.exceptionType == QLatin1String("RuntimeError") && f.retries == 2);
    QVERIFY(found);
}

// The CLI end to end: a short listen while tasks fail, JSON out, no arguments in it.
void tst_flow_sandbox::e2ictlTasksPrintsTheTableWithoutArguments()
{
    // It is listening once its event subscription is up: one more client with a pattern
    // subscription in Redis (PUBSUB NUMPAT counts patterns, not clients).
    const auto patternSubscribers = [this] {
        int clients = 0;
        for (const QByteArray &line : m_sandbox->redisCli({QStringLiteral("CLIENT"), QStringLiteral("LIST")}).split('\n'))
            clients += line.contains(" psub=") && !line.contains(" psub=0 ") ? 1 : 0;
        return clients;
    };
    const int before = patternSubscribers();
    QProcess tasks;
    tasks.start(test::ctlProgram(),
                {QStringLiteral("tasks"), QStringLiteral("--config"), m_sandbox->consoleConfig(), QStringLiteral("--for"),
                 QStringLiteral("8s"), QStringLiteral("--json")});
    QVERIFY(tasks.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(patternSubscribers() > before, 8000);
    ctl({QStringLiteral("enqueue"), QStringLiteral("api"), QStringLiteral("5"), QStringLiteral("--task"), QStringLiteral("fail")});
    QVERIFY(tasks.waitForFinished(30'000));
    const QByteArray out = tasks.readAllStandardOutput();
    QCOMPARE(tasks.exitCode(), 0);
    QVERIFY2(!out.contains(kFakeSecret.toUtf8()), out.constData());
    const QJsonObject json = QJsonDocument::fromJson(out).object();
    bool sawFailures = false;
    for (const auto &row : json.value(QLatin1String("tasks")).toArray()) {
        const QJsonObject o = row.toObject();
        if (o.value(QLatin1String("name")).toString() == kUnstable && o.value(QLatin1String("queue")).toString() == QLatin1String("api"))
            sawFailures = o.value(QLatin1String("failed")).toInt() >= 1;
    }
    QVERIFY2(sawFailures, out.constData());
    const QJsonArray failures = json.value(QLatin1String("failures")).toArray();
    QVERIFY(!failures.isEmpty());
    QCOMPARE(failures.first().toObject().value(QLatin1String("exception_type")).toString(), QStringLiteral("ValueError"));

    const test::ProgramRun status =
        test::runCtl({QStringLiteral("status"), QStringLiteral("--config"), m_sandbox->consoleConfig(), QStringLiteral("--json")}, 30'000);
    QVERIFY(QJsonDocument::fromJson(status.out).object().value(QLatin1String("attention")).isArray());
}

// No heavy worker runs: work on `shap` has no consumer. The live workers are
// asked (active_queues), so the detail says the answer came from them.
void tst_flow_sandbox::noConsumerRaisedAndClearedFromActiveQueues()
{
    const QString shap = QStringLiteral("shap");
    QVERIFY(!finding(FlowFindingKinds::NoConsumer, shap));
    QTRY_VERIFY_WITH_TIMEOUT(m_monitor->consumers().byWorker.size() == 3, 10'000); // light x2, medium
    QVERIFY(m_monitor->consumers().byWorker.value(m_monitor->latest().tier(QStringLiteral("medium"))->workers.first().hostname)
                .contains(QStringLiteral("analytics")));
    ctl({QStringLiteral("enqueue"), shap, QStringLiteral("3")});
    QTRY_VERIFY_WITH_TIMEOUT(finding(FlowFindingKinds::NoConsumer, shap), kWithinTwoSamples);
    QVERIFY2(finding(FlowFindingKinds::NoConsumer, shap)->detail.contains(QStringLiteral("from the workers' active_queues")),
             qPrintable(finding(FlowFindingKinds::NoConsumer, shap)->detail));
    ctl({QStringLiteral("scale"), QStringLiteral("heavy"), QStringLiteral("1")}); // returns after its first heartbeat
    QTRY_VERIFY_WITH_TIMEOUT(!finding(FlowFindingKinds::NoConsumer, shap), kWithinTwoSamples + kHeartbeatMs);
}

void tst_flow_sandbox::stalledRaisedAndCleared()
{
    const QString medium = QStringLiteral("medium");
    ctl({QStringLiteral("stall"), medium, QStringLiteral("on")});
    ctl({QStringLiteral("enqueue"), QStringLiteral("analytics"), QStringLiteral("40")});
    QElapsedTimer since;
    since.start();
    QTRY_VERIFY_WITH_TIMEOUT(finding(FlowFindingKinds::Stalled, medium), kStallSeconds * 1000 + kHeartbeatMs + kWithinTwoSamples);
    QVERIFY2(since.elapsed() >= kStallSeconds * 1000 - kIntervalMs, "stalled before its configured time");
    QVERIFY(finding(FlowFindingKinds::Stalled, medium)->detail.contains(QStringLiteral("processed unchanged")));
    QVERIFY(!m_monitor->latestFlow().slowestRunning.isEmpty()); // the stuck tasks, longest first
    ctl({QStringLiteral("stall"), medium, QStringLiteral("off")});
    QTRY_VERIFY_WITH_TIMEOUT(!finding(FlowFindingKinds::Stalled, medium), kHeartbeatMs + kWithinTwoSamples);
}

void tst_flow_sandbox::workerLostRaisedAndForgottenCleanStopIsNot()
{
    // A clean stop (worker-offline) is not a lost worker.
    const QString heavy = m_monitor->latest().tier(QStringLiteral("heavy"))->workers.value(0).hostname;
    QVERIFY(!heavy.isEmpty());
    ctl({QStringLiteral("scale"), QStringLiteral("heavy"), QStringLiteral("0")});
    QTRY_COMPARE_WITH_TIMEOUT(m_monitor->latest().tier(QStringLiteral("heavy"))->replicas, 0, kWithinTwoSamples);
    QTest::qWait(2 * kHeartbeatMs + 2 * kIntervalMs);
    QVERIFY(!finding(FlowFindingKinds::WorkerLost, heavy));

    const QString victim = m_monitor->latest().tier(QStringLiteral("light"))->workers.last().hostname;
    QString output;
    QVERIFY(m_sandbox->ctl({QStringLiteral("kill-worker"), QStringLiteral("light")}, &output));
    QVERIFY2(output.contains(victim), qPrintable(output)); // the newest is the one killed
    QTRY_VERIFY_WITH_TIMEOUT(finding(FlowFindingKinds::WorkerLost, victim), 2 * kHeartbeatMs + kWithinTwoSamples);
    QVERIFY(finding(FlowFindingKinds::WorkerLost, victim)->detail.contains(QStringLiteral("no worker-offline")));
    QTRY_VERIFY_WITH_TIMEOUT(finding(FlowFindingKinds::BelowMin, QStringLiteral("light")), kWithinTwoSamples);
    QTRY_VERIFY_WITH_TIMEOUT(!finding(FlowFindingKinds::WorkerLost, victim), kLostForgetSeconds * 1000 + kWithinTwoSamples);
    ctl({QStringLiteral("scale"), QStringLiteral("light"), QStringLiteral("2")});
    QTRY_VERIFY_WITH_TIMEOUT(!finding(FlowFindingKinds::BelowMin, QStringLiteral("light")), kWithinTwoSamples);
}

QTEST_MAIN(tst_flow_sandbox)
#include "tst_flow_sandbox.moc"
