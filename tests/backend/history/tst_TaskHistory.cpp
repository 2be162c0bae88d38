// The task flow in the history store: per-minute rows and failures written,
// read back and summed into the same stats the live flow gives; a minute
// written twice is added up; retention prunes; the recorder writes each ended
// minute once and the open one at stop, and retries what a full disk refused.
#include "../flow/TaskEvents.h"
#include "flow/TaskFlow.h"
#include "flow/TaskMinuteSummary.h"
#include "history/EventKinds.h"
#include "history/HistoryRecorder.h"
#include "history/HistoryStore.h"

#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

#include <memory>

using namespace e2i;
using test::failed;
using test::sent;
using test::taskEvent;

namespace {
const QDateTime kStart = QDateTime(QDate(2026, 12, 6), QTime(12, 0), Qt::UTC);
const QString kShap = QStringLiteral("e2i.shap.explain");
const QString kQuick = QStringLiteral("e2i.sandbox.unstable");
const QString kTraceback = QStringLiteral("Traceback (most recent call last):\n  File \"tasks.py\", line 5, in run\n"
                                          "    raise ValueError(f\"boom {n}\")\nValueError: boom 3\n");

double epoch(const QDateTime &t)
{
    return t.toMSecsSinceEpoch() / 1000.0;
}

void runTask(TaskFlow &flow, const QString &id, const QString &name, const QDateTime &at, double wait, double runtime,
             bool fails = false)
{
    flow.ingest(sent(id, name, QStringLiteral("shap"), epoch(at)), at);
    flow.ingest(taskEvent("task-started", id, epoch(at) + wait, QStringLiteral("heavy@vm")), at);
    if (fails) {
        flow.ingest(failed(id, epoch(at) + wait + runtime, QStringLiteral("ValueError('boom 3')"), kTraceback), at);
        return;
    }
    CeleryEvent done = taskEvent("task-succeeded", id, epoch(at) + wait + runtime, QStringLiteral("heavy@vm"));
    done.runtime = runtime;
    flow.ingest(done, at);
}

// Two names over minutes 12:00 and 12:01, waits and runtimes spread out.
TaskFlow busyFlow()
{
    TaskFlow flow;
    flow.setQueueTiers({{QStringLiteral("shap"), QStringLiteral("heavy")}});
    for (int i = 0; i < 40; ++i) {
        const QDateTime at = kStart.addSecs(i * 3);
        runTask(flow, QStringLiteral("s%1").arg(i), kShap, at, 0.1 * (i % 7), 1.0 + 0.25 * i, i % 10 == 0);
        runTask(flow, QStringLiteral("q%1").arg(i), kQuick, at, 0.01, 0.002 * (i + 1));
    }
    return flow;
}

qint64 minuteOf(const QDateTime &t)
{
    return t.toMSecsSinceEpoch() / 60'000;
}

const TaskStats *find(const QList<TaskStats> &list, const QString &name)
{
    for (const TaskStats &s : list)
        if (s.name == name)
            return &s;
    return nullptr;
}
} // namespace

class tst_TaskHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void minutesRoundTripToTheLiveStats();
    void minuteWrittenTwiceIsAddedUp();
    void failuresRoundTripAndAreTimelineEvents();
    void retentionPrunesTaskRows();
    void recorderWritesEachEndedMinuteOnceAndTheOpenOneAtStop();
    void refusedWritesAreRetriedWithoutLossOrDuplicates();

private:
    QString file() const { return m_dir->filePath(QStringLiteral("h.sqlite")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_TaskHistory::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_TaskHistory::minutesRoundTripToTheLiveStats()
{
    const TaskFlow flow = busyFlow();
    const QDateTime end = kStart.addSecs(119);
    const QList<TaskMinute> minutes = flow.minutes(minuteOf(kStart), minuteOf(end));
    QCOMPARE(minutes.size(), 4); // two names, two minutes
    {
        HistoryStore store;
        QVERIFY(store.open(file()));
        QVERIFY(store.appendTaskFlow(minutes, {}));
    }
    HistoryStore reader;
    QVERIFY2(reader.openExisting(file()), qPrintable(reader.errorString()));
    const QList<TaskMinute> read = reader.taskMinutes(kStart.toMSecsSinceEpoch(), end.toMSecsSinceEpoch());
    QCOMPARE(read.size(), 4);
    const QList<TaskStats> recorded = TaskMinuteSummary::stats(read, 2);
    const QList<TaskStats> live = flow.stats(2, end);
    QCOMPARE(recorded.size(), live.size());
    for (const TaskStats &l : live) {
        const TaskStats *r = find(recorded, l.name);
        QVERIFY(r);
        QCOMPARE(r->queue, l.queue);
        QCOMPARE(r->tier, QStringLiteral("heavy"));
        QCOMPARE(r->counts.succeeded, l.counts.succeeded);
        QCOMPARE(r->counts.failed, l.counts.failed);
        QCOMPARE(r->counts.sent, l.counts.sent);
        QCOMPARE(r->runtimeP50, l.runtimeP50);
        QCOMPARE(r->runtimeP95, l.runtimeP95);
        QCOMPARE(r->runtimeP99, l.runtimeP99);
        QCOMPARE(r->waitP95, l.waitP95);
        QVERIFY(r->runtimeP95 > 0);
    }
    QCOMPARE(find(recorded, kShap)->counts.failed, 4);
    QCOMPARE(find(recorded, kShap)->counts.succeeded, 36);
}

void tst_TaskHistory::minuteWrittenTwiceIsAddedUp()
{
    const TaskFlow flow = busyFlow();
    const QList<TaskMinute> first = flow.minutes(minuteOf(kStart), minuteOf(kStart));
    HistoryStore store;
    QVERIFY(store.open(file()));
    QVERIFY(store.appendTaskFlow(first, {}));
    QVERIFY(store.appendTaskFlow(first, {}));
    const QList<TaskMinute> read = store.taskMinutes(kStart.toMSecsSinceEpoch(), kStart.toMSecsSinceEpoch());
    QCOMPARE(read.size(), first.size());
    for (int i = 0; i < read.size(); ++i) {
        QCOMPARE(read[i].name, first[i].name);
        QCOMPARE(read[i].counts.succeeded, 2 * first[i].counts.succeeded);
        QCOMPARE(LatencyHistogram::fromBytes(read[i].runtime)->count(),
                 2 * LatencyHistogram::fromBytes(first[i].runtime)->count());
    }
}

void tst_TaskHistory::failuresRoundTripAndAreTimelineEvents()
{
    const TaskFlow flow = busyFlow();
    const QList<TaskFailure> failures = flow.recentFailures();
    QCOMPARE(failures.size(), 4);
    {
        HistoryStore store;
        QVERIFY(store.open(file()));
        QVERIFY(store.appendTaskFlow({}, failures));
    }
    HistoryStore reader;
    QVERIFY(reader.openExisting(file()));
    const qint64 from = kStart.toMSecsSinceEpoch(), to = kStart.addSecs(3600).toMSecsSinceEpoch();
    const QList<TaskFailure> read = reader.taskFailures(from, to);
    QCOMPARE(read.size(), failures.size());
    for (int i = 0; i < read.size(); ++i) {
        QCOMPARE(read[i].taskId, failures[i].taskId); // newest first, both
        QCOMPARE(read[i].exceptionType, QStringLiteral("ValueError"));
        QCOMPARE(read[i].message, QStringLiteral("boom 3"));
        QCOMPARE(read[i].traceback, kTraceback);
        QCOMPARE(read[i].worker, QStringLiteral("heavy@vm"));
        QCOMPARE(read[i].queue, QStringLiteral("shap"));
        QCOMPARE(read[i].at, failures[i].at);
        QVERIFY(read[i].args.isEmpty()); // hidden by default: never stored
    }
    const QList<HistoryEvent> events = reader.events(from, to, EventKinds::TaskFailed);
    QCOMPARE(events.size(), failures.size());
    QCOMPARE(events.first().subject, kShap);
    QCOMPARE(events.first().to, QStringLiteral("ValueError"));
    QVERIFY2(events.first().detail.startsWith(QStringLiteral("ValueError: boom 3 (task s0 on heavy@vm, queue shap)")),
             qPrintable(events.first().detail));
}

void tst_TaskHistory::retentionPrunesTaskRows()
{
    const TaskFlow flow = busyFlow();
    HistoryStore store;
    store.setRetention({HistoryStore::kSpanMs, HistoryStore::kDayMs});
    QVERIFY(store.open(file()));
    QVERIFY(store.appendTaskFlow(flow.minutes(minuteOf(kStart), minuteOf(kStart) + 1), flow.recentFailures()));
    const qint64 from = kStart.toMSecsSinceEpoch(), to = kStart.addDays(3).toMSecsSinceEpoch();
    QVERIFY(!store.taskMinutes(from, to).isEmpty());
    QVERIFY(store.sealBefore(kStart.addSecs(23 * 3600).toMSecsSinceEpoch()));
    QCOMPARE(store.taskMinutes(from, to).size(), 4); // within a day: kept
    QVERIFY(store.sealBefore(kStart.addSecs(24 * 3600 + 120).toMSecsSinceEpoch()));
    QVERIFY(store.taskMinutes(from, to).isEmpty());
    QVERIFY(store.taskFailures(from, to).isEmpty());
}

void tst_TaskHistory::recorderWritesEachEndedMinuteOnceAndTheOpenOneAtStop()
{
    TaskFlow flow = busyFlow(); // 12:00 and 12:01
    HistoryRecorder recorder(file(), {});
    recorder.start();
    recorder.recordFlow(flow.snapshot(kStart.addSecs(100)));  // 12:01 open: only 12:00 ends
    recorder.recordFlow(flow.snapshot(kStart.addSecs(110)));  // nothing new
    runTask(flow, QStringLiteral("late"), kQuick, kStart.addSecs(115), 0.01, 0.01, true);
    recorder.recordFlow(flow.snapshot(kStart.addSecs(116)));  // the new failure only
    {
        HistoryStore reader;
        QVERIFY(reader.openExisting(file()));
        const QList<TaskMinute> rows = reader.taskMinutes(kStart.toMSecsSinceEpoch(), kStart.addSecs(3600).toMSecsSinceEpoch());
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.first().minuteMs, kStart.toMSecsSinceEpoch());
        QCOMPARE(reader.taskFailures(0, kStart.addDays(1).toMSecsSinceEpoch()).size(), 5);
    }
    recorder.stop();
    HistoryStore reader;
    QVERIFY(reader.openExisting(file()));
    const QList<TaskStats> stats = TaskMinuteSummary::stats(
        reader.taskMinutes(kStart.toMSecsSinceEpoch(), kStart.addSecs(3600).toMSecsSinceEpoch()), 2);
    QCOMPARE(find(stats, kShap)->counts.succeeded, 36);
    QCOMPARE(find(stats, kQuick)->counts.succeeded, 40);
    QCOMPARE(find(stats, kQuick)->counts.failed, 1);
    QCOMPARE(reader.taskFailures(0, kStart.addDays(1).toMSecsSinceEpoch()).size(), 5);
}

// A file size limit of one byte stands in for a full disk: every write of the
// store fails with EFBIG while it holds (the pattern of tst_HistoryStore).
void tst_TaskHistory::refusedWritesAreRetriedWithoutLossOrDuplicates()
{
    TaskFlow flow;
    flow.setQueueTiers({{QStringLiteral("shap"), QStringLiteral("heavy")}});
    for (int i = 0; i < 5 * 20; ++i) // 12:00 .. 12:04, one task of each name every 3 s
        runTask(flow, QStringLiteral("t%1").arg(i), i % 2 ? kShap : kQuick, kStart.addSecs(i * 3), 0.01, 0.1, i % 25 == 0);
    HistoryRecorder recorder(file(), {});
    QList<RecorderStatus> statuses;
    connect(&recorder, &HistoryRecorder::statusChanged, this, [&statuses](const RecorderStatus &s) { statuses << s; });
    recorder.start();
    recorder.recordFlow(flow.snapshot(kStart.addSecs(70))); // 12:00 ends and is written

    std::signal(SIGXFSZ, SIG_IGN);
    rlimit old{};
    getrlimit(RLIMIT_FSIZE, &old);
    rlimit full{1, old.rlim_max};
    QVERIFY(setrlimit(RLIMIT_FSIZE, &full) == 0);
    recorder.recordFlow(flow.snapshot(kStart.addSecs(130))); // 12:01 ends: refused
    recorder.recordFlow(flow.snapshot(kStart.addSecs(190))); // 12:02 ends: refused with 12:01
    setrlimit(RLIMIT_FSIZE, &old);
    // The status names the problem once, when it starts.
    QVERIFY(!statuses.isEmpty());
    QVERIFY2(statuses.last().problem.contains(QStringLiteral("cannot write task history")), qPrintable(statuses.last().problem));

    recorder.recordFlow(flow.snapshot(kStart.addSecs(250))); // 12:03 ends: 12:01 .. 12:03 written at once
    recorder.recordFlow(flow.snapshot(kStart.addSecs(260))); // nothing new: nothing written again
    recorder.stop();                                         // 12:04, the open minute

    HistoryStore reader;
    QVERIFY(reader.openExisting(file()));
    const QList<TaskMinute> rows = reader.taskMinutes(kStart.toMSecsSinceEpoch(), kStart.addSecs(3600).toMSecsSinceEpoch());
    QCOMPARE(rows.size(), 5 * 2); // each minute once per name
    QSet<QPair<qint64, QString>> keys;
    for (const TaskMinute &row : rows) {
        keys.insert({row.minuteMs, row.name});
        QCOMPARE(row.counts.succeeded + row.counts.failed, 10); // one whole minute of that name, not twice
    }
    QCOMPARE(keys.size(), rows.size());
    // The failures of 12:00, 12:01, 12:02 and 12:03 (every 25th task), each once.
    QCOMPARE(reader.taskFailures(0, kStart.addDays(1).toMSecsSinceEpoch()).size(), 4);
}

QTEST_GUILESS_MAIN(tst_TaskHistory)
#include "tst_TaskHistory.moc"
