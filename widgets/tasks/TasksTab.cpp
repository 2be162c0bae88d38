#include "TasksTab.h"

#include "RunningTasksModel.h"
#include "TaskFailuresModel.h"
#include "TaskStatsModel.h"
#include "TaskText.h"
#include "workercontrol/WorkerControl.h"
#include "flow/TaskFlow.h"
#include "flow/TaskFlowJson.h"
#include "monitor/SampleJson.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace e2i {
namespace {

QString failureDetail(const TaskFailure &f)
{
    QString text = f.message.isEmpty() ? f.exceptionType : f.exceptionType + QStringLiteral(": ") + f.message;
    text += QStringLiteral("\n%1 task %2 on %3, queue %4, tier %5, retries %6\n")
                .arg(TaskText::utcTime(f.at), f.taskId, f.worker, f.queue.isEmpty() ? QStringLiteral("-") : f.queue,
                     f.tier.isEmpty() ? QStringLiteral("-") : f.tier)
                .arg(f.retries);
    if (!f.args.isEmpty())
        text += QStringLiteral("Arguments: ") + f.args + u'\n';
    return text + u'\n' + f.traceback;
}

QString recordText(const TaskLookup &result)
{
    if (!result.found)
        return QObject::tr("%1: not among the tasks heard since the console started (or too long ago)").arg(result.taskId);
    const TaskRecord &r = result.record;
    QString text = QObject::tr("%1: %2, %3 on %4 (queue %5, tier %6), retries %7")
                       .arg(r.taskId, r.name, taskStateName(r.state), r.worker.isEmpty() ? QStringLiteral("-") : r.worker,
                            r.queue.isEmpty() ? QStringLiteral("-") : r.queue, r.tier.isEmpty() ? QStringLiteral("-") : r.tier)
                       .arg(r.retries);
    if (!r.args.isEmpty())
        text += QObject::tr(", arguments %1").arg(r.args);
    return text;
}

} // namespace

TasksTab::TasksTab(QWidget *parent)
    : QWidget(parent)
    , m_stats(new TaskStatsModel(this))
    , m_sortedStats(new QSortFilterProxyModel(this))
    , m_failures(new TaskFailuresModel(this))
    , m_running(new RunningTasksModel(this))
{
    m_sortedStats->setSourceModel(m_stats);
    m_sortedStats->setSortRole(TaskStatsModel::SortRole);
    auto *statsView = tableFor(m_sortedStats);
    statsView->setSortingEnabled(true);
    statsView->sortByColumn(TaskStatsModel::FailureRate, Qt::DescendingOrder);

    auto *lower = new QSplitter(Qt::Horizontal);
    lower->addWidget(buildFailures());
    auto *running = new QWidget;
    auto *runningLayout = new QVBoxLayout(running);
    runningLayout->setContentsMargins(0, 0, 0, 0);
    runningLayout->addWidget(new QLabel(tr("<b>Slowest running</b>")));
    m_runningView = tableFor(m_running);
    runningLayout->addWidget(m_runningView);
    lower->addWidget(running);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);

    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(statsView);
    split->addWidget(lower);
    auto *layout = new QVBoxLayout(this);
    m_source = new QLabel;
    m_source->setObjectName(QStringLiteral("tasksSource"));
    m_source->hide(); // the live console's source goes without saying
    layout->addWidget(m_source);
    layout->addWidget(buildControls());
    layout->addWidget(split, 1);
}

QWidget *TasksTab::buildControls()
{
    auto *controls = new QWidget;
    auto *row = new QHBoxLayout(controls);
    row->setContentsMargins(0, 0, 0, 0);
    m_window = new QComboBox;
    for (int minutes : TaskFlow::kWindows)
        m_window->addItem(minutes < 60 ? tr("Last %1 min").arg(minutes) : tr("Last %1 h").arg(minutes / 60), minutes);
    m_window->setCurrentIndex(1); // 5 min, the `failing` window's default
    connect(m_window, &QComboBox::currentIndexChanged, this, &TasksTab::showStats);
    m_summary = new QLabel;
    m_lookup = new QLineEdit;
    m_lookup->setPlaceholderText(tr("Look up a task id…"));
    m_lookup->setClearButtonEnabled(true);
    connect(m_lookup, &QLineEdit::returnPressed, this, [this] { lookUp(m_lookup->text()); });
    m_lookupResult = new QLabel;
    m_lookupResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(m_window);
    row->addWidget(m_summary);
    row->addStretch(1);
    row->addWidget(m_lookupResult);
    row->addWidget(m_lookup);
    return controls;
}

QWidget *TasksTab::buildFailures()
{
    m_failuresView = tableFor(m_failures);
    m_detail = new QPlainTextEdit;
    m_detail->setReadOnly(true);
    m_detail->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_detail->setFont(QFont(QStringLiteral("monospace")));
    m_detail->setPlaceholderText(tr("Select a failure to see its traceback"));
    connect(m_failuresView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TasksTab::showSelectedFailure);
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("<b>Recent failures</b>")));
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_failuresView);
    split->addWidget(m_detail);
    layout->addWidget(split, 1);
    return box;
}

void TasksTab::setWorkerControl(WorkerControl *control)
{
    m_control = control;
    m_runningView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_runningView, &QWidget::customContextMenuRequested, this, &TasksTab::showRunningTaskMenu);
}

void TasksTab::showRunningTaskMenu(const QPoint &position)
{
    const QModelIndex index = m_runningView->indexAt(position);
    if (!index.isValid())
        return;
    const QString taskId = index.siblingAtColumn(RunningTasksModel::TaskId).data().toString();
    const QString name = index.siblingAtColumn(RunningTasksModel::Name).data().toString();
    QMenu menu(this);
    m_control->addTaskActions(&menu, taskId, name);
    menu.exec(m_runningView->viewport()->mapToGlobal(position));
}

QTableView *TasksTab::tableFor(QAbstractItemModel *model)
{
    auto *view = new QTableView;
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->verticalHeader()->hide();
    // Task names are long and the lists short (bounded by the flow's settings):
    // fitting the columns to their contents each snapshot is cheap.
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setAlternatingRowColors(true);
    return view;
}

void TasksTab::setFlow(const TaskFlowSnapshot &flow)
{
    const QString selected = selectedFailureId();
    m_flow = flow;
    showStats();
    m_failures->setFailures(flow.failures);
    m_failuresView->setColumnHidden(TaskFailuresModel::Arguments, !m_failures->hasArguments());
    m_running->setTasks(flow.slowestRunning);
    keepFailureSelected(selected);
    m_summary->setText(m_recorded ? tr("%1 failures recorded in the last hour").arg(flow.failures.size())
                                  : tr("%1 task events heard, %2 failures kept").arg(flow.taskEvents).arg(flow.failures.size()));
    showSource();
}

void TasksTab::setSource(const QString &source, bool recorded, const QDateTime &from)
{
    m_sourceName = source;
    m_recorded = recorded;
    m_sourceFrom = from;
    showSource();
}

void TasksTab::setWindowMinutes(int minutes)
{
    const int index = m_window->findData(minutes);
    if (index >= 0)
        m_window->setCurrentIndex(index);
}

// A live listen covers only the time since it began, however long the window.
QDateTime TasksTab::shownFrom() const
{
    const QDateTime windowStart = m_flow.takenAt.addSecs(-60LL * m_window->currentData().toInt());
    return m_sourceFrom.isValid() && m_sourceFrom > windowStart ? m_sourceFrom : windowStart;
}

void TasksTab::showSource()
{
    if (m_sourceName.isEmpty())
        return;
    m_source->setText(sourceText());
    m_source->show();
}

QString TasksTab::sourceText() const
{
    if (!m_flow.takenAt.isValid())
        return tr("Source: %1 (nothing yet)").arg(m_sourceName);
    const QString format = QStringLiteral("yyyy-MM-dd HH:mm:ss");
    return tr("Source: %1 · %2 – %3 UTC").arg(m_sourceName, shownFrom().toUTC().toString(format),
                                               m_flow.takenAt.toUTC().toString(format));
}

QJsonObject TasksTab::snapshotJson() const
{
    QJsonArray stats, failures;
    for (const TaskStats &s : m_flow.windows.value(m_window->currentData().toInt()))
        stats.append(TaskFlowJson::stats(s));
    for (const TaskFailure &f : m_flow.failures)
        failures.append(TaskFlowJson::failure(f));
    return {
        {QStringLiteral("source"), m_sourceName.isEmpty() ? QStringLiteral("live task events") : m_sourceName},
        {QStringLiteral("recorded"), m_recorded},
        {QStringLiteral("from"), m_flow.takenAt.isValid() ? QJsonValue(isoUtc(shownFrom()))
                                 : m_sourceFrom.isValid() ? QJsonValue(isoUtc(m_sourceFrom)) : QJsonValue()},
        {QStringLiteral("to"), m_flow.takenAt.isValid() ? QJsonValue(isoUtc(m_flow.takenAt)) : QJsonValue()},
        {QStringLiteral("window_minutes"), m_window->currentData().toInt()},
        {QStringLiteral("tasks"), stats},
        {QStringLiteral("failures"), failures},
    };
}

void TasksTab::showStats()
{
    m_stats->setStats(m_flow.windows.value(m_window->currentData().toInt()));
    showSource();
}

QString TasksTab::selectedFailureId() const
{
    const QModelIndex current = m_failuresView->currentIndex();
    return current.isValid() ? m_failures->failureAt(current.row()).taskId : QString();
}

void TasksTab::keepFailureSelected(const QString &taskId)
{
    const int row = taskId.isEmpty() ? -1 : m_failures->rowOf(taskId);
    if (row >= 0)
        m_failuresView->selectRow(row);
    else
        showSelectedFailure();
}

void TasksTab::showSelectedFailure()
{
    const QModelIndex current = m_failuresView->currentIndex();
    m_detail->setPlainText(current.isValid() ? failureDetail(m_failures->failureAt(current.row())) : QString());
}

void TasksTab::lookUp(const QString &text)
{
    const QString taskId = text.trimmed();
    if (taskId.isEmpty())
        return;
    const int failed = m_failures->rowOf(taskId);
    if (failed >= 0)
        m_failuresView->selectRow(failed);
    const int running = m_running->rowOf(taskId);
    if (running >= 0)
        m_runningView->selectRow(running);
    m_lookupResult->setText(tr("%1: looking up…").arg(taskId));
    Q_EMIT lookupRequested(taskId);
}

void TasksTab::showLookup(const TaskLookup &result)
{
    m_lookupResult->setText(recordText(result));
}

QString TasksTab::detailText() const
{
    return m_detail->toPlainText();
}

QString TasksTab::lookupText() const
{
    return m_lookupResult->text();
}

} // namespace e2i
