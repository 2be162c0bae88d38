// The Tasks view: its three models under QAbstractItemModelTester, sorting by
// failure rate / wait p95 / runtime p95, the failure detail pane, arguments
// hidden unless the flow kept them, the lookup round trip, and an off-screen
// render (saved as tasks-tab.png in the build directory, to look at).
#include "../../backend/flow/TaskEvents.h"
#include "flow/TaskFlow.h"
#include "tasks/RunningTasksModel.h"
#include "tasks/TaskFailuresModel.h"
#include "tasks/TaskStatsModel.h"
#include "tasks/TasksTab.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

using namespace e2i;
using test::failed;
using test::sent;
using test::taskEvent;

namespace {
const QDateTime kNow = QDateTime(QDate(2026, 12, 6), QTime(12, 4, 30), Qt::UTC);
const QString kShap = QStringLiteral("e2i.shap.explain");
const QString kReport = QStringLiteral("e2i.reports.monthly");
const QString kQuick = QStringLiteral("e2i.sandbox.unstable");
const QString kTraceback = QStringLiteral("Traceback (most recent call last):\n  File \"/app/tasks.py\", line 5, in run\n"
                                          "    raise ValueError(f\"boom {n}\")\nValueError: boom 3\n");

double epoch(const QDateTime &t)
{
    return t.toMSecsSinceEpoch() / 1000.0;
}

void runTask(TaskFlow &flow, const QString &id, const QString &name, const QString &queue, const QString &worker,
             double wait, double runtime, bool fails)
{
    const QDateTime at = kNow.addSecs(-60);
    flow.ingest(sent(id, name, queue, epoch(at)), at);
    flow.ingest(taskEvent("task-started", id, epoch(at) + wait, worker), at);
    if (fails) {
        flow.ingest(failed(id, epoch(at) + wait + runtime, QStringLiteral("ValueError('boom 3')"), kTraceback, worker), at);
        return;
    }
    CeleryEvent done = taskEvent("task-succeeded", id, epoch(at) + wait + runtime, worker);
    done.runtime = runtime;
    flow.ingest(done, at);
}

// shap: 1 in 10 fails, slow; reports: none fail, long waits; unstable: half fail, quick.
TaskFlowSnapshot snapshot(FlowSettings settings = {})
{
    TaskFlow flow(settings);
    flow.setQueueTiers({{QStringLiteral("shap"), QStringLiteral("heavy")}, {QStringLiteral("reports"), QStringLiteral("medium")},
                        {QStringLiteral("quick"), QStringLiteral("light")}});
    for (int i = 0; i < 10; ++i) {
        runTask(flow, QStringLiteral("shap-%1").arg(i), kShap, QStringLiteral("shap"), QStringLiteral("heavy@w3"), 0.2, 40.0 + i, i == 0);
        runTask(flow, QStringLiteral("rep-%1").arg(i), kReport, QStringLiteral("reports"), QStringLiteral("medium@w2"), 30.0 + i, 2.0, false);
        runTask(flow, QStringLiteral("q-%1").arg(i), kQuick, QStringLiteral("quick"), QStringLiteral("light@w1"), 0.01, 0.05, i % 2 == 0);
    }
    const QDateTime at = kNow.addSecs(-300);
    flow.ingest(sent(QStringLiteral("long-1"), kShap, QStringLiteral("shap"), epoch(at)), at);
    flow.ingest(taskEvent("task-started", QStringLiteral("long-1"), epoch(at) + 1, QStringLiteral("heavy@w3")), at);
    return flow.snapshot(kNow);
}

QStringList namesInViewOrder(const QAbstractItemModel &model)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names << model.index(row, TaskStatsModel::Name).data().toString();
    return names;
}
} // namespace

class tst_tasks_tab : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void modelsPassTheModelTester();
    void statsSortByFailureRateWaitAndRuntime();
    void failureDetailShowsExceptionAndTraceback();
    void argumentsHiddenUnlessKept();
    void lookupAsksAndShowsTheAnswer();
    void rendersOffscreen();
};

void tst_tasks_tab::modelsPassTheModelTester()
{
    const TaskFlowSnapshot flow = snapshot();
    TaskStatsModel stats;
    TaskFailuresModel failures;
    RunningTasksModel running;
    QAbstractItemModelTester t1(&stats, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&failures, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(&running, QAbstractItemModelTester::FailureReportingMode::QtTest);
    stats.setStats(flow.windows.value(5));
    failures.setFailures(flow.failures);
    running.setTasks(flow.slowestRunning);
    QCOMPARE(stats.rowCount(), 3);
    QCOMPARE(failures.rowCount(), 6); // 1 shap + 5 unstable
    QCOMPARE(running.rowCount(), 1);
    QCOMPARE(running.index(0, RunningTasksModel::TaskId).data().toString(), QStringLiteral("long-1"));
    QCOMPARE(running.index(0, RunningTasksModel::RunningFor).data().toString(), QStringLiteral("300.00 s"));
    stats.setStats({});
    failures.setFailures({});
    running.setTasks({});
    QCOMPARE(stats.rowCount(), 0);
}

void tst_tasks_tab::statsSortByFailureRateWaitAndRuntime()
{
    TaskStatsModel stats;
    stats.setStats(snapshot().windows.value(5));
    QSortFilterProxyModel sorted;
    sorted.setSourceModel(&stats);
    sorted.setSortRole(TaskStatsModel::SortRole);
    sorted.sort(TaskStatsModel::FailureRate, Qt::DescendingOrder);
    QCOMPARE(namesInViewOrder(sorted), (QStringList{kQuick, kShap, kReport}));
    QCOMPARE(sorted.index(0, TaskStatsModel::FailureRate).data().toString(), QStringLiteral("50.0 %"));
    sorted.sort(TaskStatsModel::WaitP95, Qt::DescendingOrder);
    QCOMPARE(namesInViewOrder(sorted), (QStringList{kReport, kShap, kQuick}));
    sorted.sort(TaskStatsModel::RuntimeP95, Qt::DescendingOrder);
    QCOMPARE(namesInViewOrder(sorted), (QStringList{kShap, kReport, kQuick}));
}

void tst_tasks_tab::failureDetailShowsExceptionAndTraceback()
{
    TasksTab tab;
    tab.setFlow(snapshot());
    auto *view = tab.findChildren<QTableView *>().at(1); // stats, failures, running
    QCOMPARE(view->model(), tab.failuresModel());
    view->selectRow(tab.failuresModel()->rowOf(QStringLiteral("shap-0")));
    QVERIFY2(tab.detailText().startsWith(QStringLiteral("ValueError: boom 3\n")), qPrintable(tab.detailText()));
    QVERIFY(tab.detailText().contains(QStringLiteral("task shap-0 on heavy@w3, queue shap, tier heavy")));
    QVERIFY(tab.detailText().contains(QStringLiteral("raise ValueError")));
    // A new snapshot keeps the selection on the same failure.
    tab.setFlow(snapshot());
    QVERIFY(tab.detailText().contains(QStringLiteral("task shap-0 ")));
}

void tst_tasks_tab::argumentsHiddenUnlessKept()
{
    TasksTab hidden;
    hidden.setFlow(snapshot());
    auto *view = hidden.findChildren<QTableView *>().at(1);
    QVERIFY(view->isColumnHidden(TaskFailuresModel::Arguments));
    QVERIFY(!hidden.detailText().contains(QStringLiteral("s3cr3t")));
    for (int row = 0; row < hidden.failuresModel()->rowCount(); ++row)
        QVERIFY(hidden.failuresModel()->index(row, TaskFailuresModel::Arguments).data().toString().isEmpty());

    FlowSettings show;
    show.showTaskArgs = true;
    show.argsMaxChars = 12;
    TasksTab shown;
    shown.setFlow(snapshot(show));
    auto *shownView = shown.findChildren<QTableView *>().at(1);
    QVERIFY(!shownView->isColumnHidden(TaskFailuresModel::Arguments));
    QCOMPARE(shown.failuresModel()->index(0, TaskFailuresModel::Arguments).data().toString(), QStringLiteral("('s3cr3t-tok…"));
}

void tst_tasks_tab::lookupAsksAndShowsTheAnswer()
{
    TasksTab tab;
    tab.setFlow(snapshot());
    QSignalSpy asked(&tab, &TasksTab::lookupRequested);
    tab.lookUp(QStringLiteral("  q-2 "));
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().first().toString(), QStringLiteral("q-2"));
    QVERIFY(tab.detailText().contains(QStringLiteral("task q-2 "))); // a listed failure is selected at once
    TaskRecord record;
    record.taskId = QStringLiteral("q-2");
    record.name = kQuick;
    record.queue = QStringLiteral("quick");
    record.tier = QStringLiteral("light");
    record.worker = QStringLiteral("light@w1");
    record.state = TaskRecord::State::Failed;
    tab.showLookup({QStringLiteral("q-2"), true, record});
    QVERIFY2(tab.lookupText().contains(QStringLiteral("q-2: e2i.sandbox.unstable, ")), qPrintable(tab.lookupText()));
    QVERIFY(tab.lookupText().contains(QStringLiteral("on light@w1 (queue quick, tier light)")));
    tab.showLookup({QStringLiteral("nope"), false, {}});
    QVERIFY(tab.lookupText().startsWith(QStringLiteral("nope: not among")));
}

void tst_tasks_tab::rendersOffscreen()
{
    TasksTab tab;
    tab.resize(1400, 800);
    tab.setFlow(snapshot());
    tab.findChildren<QTableView *>().at(1)->selectRow(0);
    const QImage image = tab.grab().toImage();
    QCOMPARE(image.size(), QSize(1400, 800));
    const QString file = QStringLiteral(E2I_BINARY_DIR "/tasks-tab.png");
    QVERIFY(image.save(file));
}

QTEST_MAIN(tst_tasks_tab)
#include "tst_tasks_tab.moc"
