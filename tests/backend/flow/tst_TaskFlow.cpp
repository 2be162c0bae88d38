// TaskFlow from hand-built Celery task events: windows, percentiles, bounds,
// failures, hidden arguments, lookup and running tasks.
#include "TaskEvents.h"
#include "flow/TaskFlow.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace e2i;
using test::failed;
using test::sent;
using test::taskEvent;

namespace {
const QDateTime kStart = QDateTime(QDate(2026, 12, 6), QTime(12, 0), Qt::UTC);
const QString kName = QStringLiteral("e2i.shap.explain");
constexpr double kTolerance = LatencyHistogram::kRelativeError;
const QString kTraceback = QStringLiteral("Traceback (most recent call last):\n  File \"tasks.py\", line 5, in run\n"
                                          "    raise ValueError(f\"boom {n}\")\nValueError: boom 3\n");

double epoch(const QDateTime &t)
{
    return t.toMSecsSinceEpoch() / 1000.0;
}

// A task sent at `at`, started `wait` s later, finished after `runtime` s.
void runTask(TaskFlow &flow, const QString &id, const QDateTime &at, double wait, double runtime, bool fails = false,
             const QString &name = kName)
{
    flow.ingest(sent(id, name, QStringLiteral("shap"), epoch(at)), at);
    flow.ingest(taskEvent("task-received", id, epoch(at), QStringLiteral("heavy@vm")), at);
    flow.ingest(taskEvent("task-started", id, epoch(at) + wait, QStringLiteral("heavy@vm")), at);
    if (fails) {
        flow.ingest(failed(id, epoch(at) + wait + runtime, QStringLiteral("ValueError('boom')"), kTraceback), at);
    } else {
        CeleryEvent done = taskEvent("task-succeeded", id, epoch(at) + wait + runtime, QStringLiteral("heavy@vm"));
        done.runtime = runtime;
        flow.ingest(done, at);
    }
}

TaskFlow makeFlow(FlowSettings settings = {})
{
    TaskFlow flow(settings);
    flow.setQueueTiers({{QStringLiteral("shap"), QStringLiteral("heavy")}});
    flow.setTierPrefixes({{QStringLiteral("heavy"), QStringLiteral("heavy")}});
    return flow;
}

double exact(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    return v[std::max<std::size_t>(1, std::size_t(std::ceil(q * double(v.size())))) - 1];
}
} // namespace

class tst_TaskFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countsAndRatesByNameQueueTier();
    void windowsSlide();
    void totalsNeverSlide();
    void percentilesMatchBruteForce();
    void memoryStaysBounded();
    void failureCapturedFromTraceback();
    void argumentsHiddenByDefault();
    void argumentsShownTruncatedWhenAsked();
    void lookupAndSlowestRunning();
    void startedBeforeSentKeepsTheQueue();
};

void tst_TaskFlow::countsAndRatesByNameQueueTier()
{
    TaskFlow flow = makeFlow();
    for (int i = 0; i < 8; ++i)
        runTask(flow, QStringLiteral("t%1").arg(i), kStart, 0.5, 2.0, i < 2);
    CeleryEvent retried = taskEvent("task-retried", QStringLiteral("t0"), epoch(kStart), QStringLiteral("heavy@vm"));
    flow.ingest(retried, kStart);
    const QList<TaskStats> stats = flow.stats(5, kStart);
    QCOMPARE(stats.size(), 1);
    const TaskStats &s = stats.first();
    QCOMPARE(s.name, kName);
    QCOMPARE(s.queue, QStringLiteral("shap"));
    QCOMPARE(s.tier, QStringLiteral("heavy"));
    QCOMPARE(s.counts.sent, 8);
    QCOMPARE(s.counts.succeeded, 6);
    QCOMPARE(s.counts.failed, 2);
    QCOMPARE(s.counts.retried, 1);
    QCOMPARE(s.failureRate, 0.25);
    QCOMPARE(s.retryRate, 1.0 / 9.0);
    QCOMPARE(s.throughputPerMinute, 8.0 / 5.0);
    QCOMPARE(flow.countsByName(5, kStart).value(kName).failed, 2);
}

void tst_TaskFlow::windowsSlide()
{
    TaskFlow flow = makeFlow();
    for (int i = 0; i < 10; ++i)
        runTask(flow, QStringLiteral("a%1").arg(i), kStart.addSecs(10), 0.1, 1.0);
    const auto finished = [&](int window, int minutesLater) {
        const auto stats = flow.stats(window, kStart.addSecs(10 + 60 * minutesLater));
        return stats.isEmpty() ? 0 : stats.first().counts.finished();
    };
    QCOMPARE(finished(1, 0), 10);
    QCOMPARE(finished(1, 1), 0);  // the 1 min window has moved on
    QCOMPARE(finished(5, 1), 10);
    QCOMPARE(finished(5, 4), 10);
    QCOMPARE(finished(5, 5), 0);
    QCOMPARE(finished(60, 59), 10);
    QCOMPARE(finished(60, 60), 0);
    // A slot of the ring reused an hour later holds only the new minute.
    runTask(flow, QStringLiteral("b"), kStart.addSecs(10 + 3600), 0.1, 1.0);
    QCOMPARE(finished(60, 60), 1);
}

// The Prometheus counters and histograms: what the windows forget, the totals keep.
void tst_TaskFlow::totalsNeverSlide()
{
    TaskFlow flow = makeFlow();
    for (int i = 0; i < 10; ++i)
        runTask(flow, QStringLiteral("a%1").arg(i), kStart.addSecs(10), 0.5, 2.0, i < 3);
    runTask(flow, QStringLiteral("b"), kStart.addSecs(10 + 3600), 0.5, 2.0);
    const QDateTime later = kStart.addSecs(20 + 3600);
    QCOMPARE(flow.stats(60, later).first().counts.finished(), 1); // the window has moved on
    const QList<TaskTotals> totals = flow.snapshot(later).totals;
    QCOMPARE(totals.size(), 1);
    const TaskTotals &t = totals.first();
    QCOMPARE(t.name, kName);
    QCOMPARE(t.queue, QStringLiteral("shap"));
    QCOMPARE(t.tier, QStringLiteral("heavy"));
    QCOMPARE(t.counts.sent, 11);
    QCOMPARE(t.counts.started, 11);
    QCOMPARE(t.counts.succeeded, 8);
    QCOMPARE(t.counts.failed, 3);
    QCOMPARE(t.runtime.count(), quint64(11));
    QCOMPARE(t.runtime.sum(), 22.0);
    QCOMPARE(t.wait.count(), quint64(11));
    QCOMPARE(t.wait.sum(), 5.5);
    const auto boundIndex = [](double bound) {
        return std::size_t(std::find(CumulativeHistogram::kBounds.begin(), CumulativeHistogram::kBounds.end(), bound)
                           - CumulativeHistogram::kBounds.begin());
    };
    QCOMPARE(t.runtime.cumulativeCount(boundIndex(1.0)), quint64(0));
    QCOMPARE(t.runtime.cumulativeCount(boundIndex(2.5)), quint64(11));
    QCOMPARE(t.wait.cumulativeCount(boundIndex(0.25)), quint64(0));
    QCOMPARE(t.wait.cumulativeCount(boundIndex(0.5)), quint64(11)); // le is <=
}

void tst_TaskFlow::percentilesMatchBruteForce()
{
    TaskFlow flow = makeFlow();
    std::mt19937_64 rng(7);
    std::lognormal_distribution<double> runtime(1.0, 0.8), wait(-1.0, 1.2);
    std::vector<double> runtimes, waits;
    for (int i = 0; i < 3000; ++i) {
        const double r = runtime(rng), w = wait(rng);
        runtimes.push_back(r);
        waits.push_back(w);
        runTask(flow, QStringLiteral("p%1").arg(i), kStart.addSecs(i % 240), w, r);
    }
    const TaskStats s = flow.stats(5, kStart.addSecs(239)).first();
    const auto check = [](double estimate, double truth, const char *what) {
        // Timestamps are whole microseconds: half a microsecond of rounding besides the bins.
        QVERIFY2(std::abs(estimate - truth) <= kTolerance * truth + 1e-6,
                 qPrintable(QStringLiteral("%1: %2 vs %3").arg(QLatin1String(what)).arg(estimate).arg(truth)));
    };
    check(s.runtimeP50, exact(runtimes, 0.50), "runtime p50");
    check(s.runtimeP95, exact(runtimes, 0.95), "runtime p95");
    check(s.runtimeP99, exact(runtimes, 0.99), "runtime p99");
    check(s.waitP50, exact(waits, 0.50), "wait p50");
    check(s.waitP95, exact(waits, 0.95), "wait p95");
    check(s.waitP99, exact(waits, 0.99), "wait p99");
}

void tst_TaskFlow::memoryStaysBounded()
{
    FlowSettings settings;
    settings.maxTrackedTasks = 500;
    settings.maxTaskKeys = 20;
    settings.maxFailures = 30;
    TaskFlow flow = makeFlow(settings);
    for (int i = 0; i < 20'000; ++i) {
        const QDateTime at = kStart.addSecs(i); // five and a half hours
        runTask(flow, QStringLiteral("m%1").arg(i), at, 0.01, 0.02, i % 3 == 0, QStringLiteral("name%1").arg(i % 100));
        QVERIFY(flow.trackedTasks() <= 500);
        QVERIFY(flow.seriesCount() <= 20);
    }
    QCOMPARE(flow.trackedTasks(), 500);
    QCOMPARE(flow.seriesCount(), 20);
    QCOMPARE(flow.recentFailures().size(), 30);
    QVERIFY(!flow.lookup(QStringLiteral("m0")));         // forgotten
    QVERIFY(flow.lookup(QStringLiteral("m19999")));      // kept
}

void tst_TaskFlow::failureCapturedFromTraceback()
{
    TaskFlow flow = makeFlow();
    flow.ingest(sent(QStringLiteral("f1"), kName, QStringLiteral("shap"), epoch(kStart)), kStart);
    CeleryEvent received = taskEvent("task-received", QStringLiteral("f1"), epoch(kStart), QStringLiteral("heavy@vm"));
    received.retries = 2;
    flow.ingest(received, kStart);
    // Celery 5.2 on Python 3.11 sends billiard's wrapper as the repr; the traceback has the truth.
    flow.ingest(failed(QStringLiteral("f1"), epoch(kStart) + 1, QStringLiteral("ExceptionWithTraceback()"), kTraceback),
                kStart.addSecs(1));
    flow.ingest(sent(QStringLiteral("f2"), kName, QStringLiteral("shap"), epoch(kStart)), kStart);
    flow.ingest(failed(QStringLiteral("f2"), epoch(kStart) + 2, QStringLiteral("KeyError('model')"), {}), kStart.addSecs(2));
    const QList<TaskFailure> failures = flow.recentFailures();
    QCOMPARE(failures.size(), 2);
    QCOMPARE(failures.at(0).taskId, QStringLiteral("f2")); // newest first
    QCOMPARE(failures.at(0).exceptionType, QStringLiteral("KeyError"));
    QCOMPARE(failures.at(0).message, QStringLiteral("model"));
    const TaskFailure &f = failures.at(1);
    QCOMPARE(f.exceptionType, QStringLiteral("ValueError"));
    QCOMPARE(f.message, QStringLiteral("boom 3"));
    QVERIFY(f.traceback.contains(QStringLiteral("raise ValueError")));
    QCOMPARE(f.worker, QStringLiteral("heavy@vm"));
    QCOMPARE(f.queue, QStringLiteral("shap"));
    QCOMPARE(f.tier, QStringLiteral("heavy"));
    QCOMPARE(f.retries, 2);
    QCOMPARE(f.at, kStart.addSecs(1));
}

void tst_TaskFlow::argumentsHiddenByDefault()
{
    TaskFlow flow = makeFlow();
    const auto line = flow.ingest(sent(QStringLiteral("s1"), kName, QStringLiteral("shap"), epoch(kStart)), kStart);
    flow.ingest(failed(QStringLiteral("s1"), epoch(kStart), QStringLiteral("ValueError('x')"), kTraceback), kStart);
    QVERIFY(line);
    QVERIFY(line->args.isEmpty());
    QVERIFY(flow.lookup(QStringLiteral("s1"))->args.isEmpty());
    QVERIFY(flow.recentFailures().first().args.isEmpty());
}

void tst_TaskFlow::argumentsShownTruncatedWhenAsked()
{
    FlowSettings settings;
    settings.showTaskArgs = true;
    settings.argsMaxChars = 10;
    TaskFlow flow = makeFlow(settings);
    const auto line = flow.ingest(sent(QStringLiteral("s1"), kName, QStringLiteral("shap"), epoch(kStart)), kStart);
    QCOMPARE(line->args, QStringLiteral("('s3cr3t-t…"));
    QCOMPARE(flow.lookup(QStringLiteral("s1"))->args, line->args);
}

void tst_TaskFlow::lookupAndSlowestRunning()
{
    TaskFlow flow = makeFlow();
    for (int i = 0; i < 4; ++i) {
        const QString id = QStringLiteral("r%1").arg(i);
        flow.ingest(sent(id, kName, QStringLiteral("shap"), epoch(kStart)), kStart);
        flow.ingest(taskEvent("task-started", id, epoch(kStart) + i, QStringLiteral("heavy@vm")), kStart.addSecs(i));
    }
    CeleryEvent done = taskEvent("task-succeeded", QStringLiteral("r0"), epoch(kStart) + 5, QStringLiteral("heavy@vm"));
    done.runtime = 5;
    flow.ingest(done, kStart.addSecs(5));
    const QList<RunningTask> running = flow.slowestRunning(2, kStart.addSecs(10));
    QCOMPARE(running.size(), 2);
    QCOMPARE(running.at(0).taskId, QStringLiteral("r1"));
    QCOMPARE(running.at(0).runningSeconds, 9.0);
    QCOMPARE(running.at(1).taskId, QStringLiteral("r2"));
    QCOMPARE(flow.lookup(QStringLiteral("r0"))->state, TaskRecord::State::Succeeded);
    QCOMPARE(flow.lookup(QStringLiteral("r3"))->state, TaskRecord::State::Started);
    QCOMPARE(flow.lookup(QStringLiteral("r3"))->worker, QStringLiteral("heavy@vm"));
}

// The producer's task-sent may arrive after the worker's events: such a task is
// counted on the queue its name last went to, not on an empty one.
void tst_TaskFlow::startedBeforeSentKeepsTheQueue()
{
    TaskFlow flow = makeFlow();
    runTask(flow, QStringLiteral("first"), kStart, 0.1, 0.2);
    CeleryEvent received = taskEvent("task-received", QStringLiteral("late"), epoch(kStart), QStringLiteral("heavy@vm"));
    received.name = kName;
    flow.ingest(received, kStart);
    flow.ingest(taskEvent("task-started", QStringLiteral("late"), epoch(kStart), QStringLiteral("heavy@vm")), kStart);
    flow.ingest(sent(QStringLiteral("late"), kName, QStringLiteral("shap"), epoch(kStart)), kStart);
    const QList<TaskStats> stats = flow.stats(1, kStart);
    QCOMPARE(stats.size(), 1);
    QCOMPARE(stats.first().counts.started, 2);
}

QTEST_APPLESS_MAIN(tst_TaskFlow)
#include "tst_TaskFlow.moc"
