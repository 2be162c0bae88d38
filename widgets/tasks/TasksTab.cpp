#include "TasksTab.h"

#include "RunningTasksModel.h"
#include "TaskFailuresModel.h"
#include "TaskStatsModel.h"
#include "TaskText.h"
#include "flow/TaskFlow.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
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
    m_summary->setText(tr("%1 task events heard, %2 failures kept").arg(flow.taskEvents).arg(flow.failures.size()));
}

void TasksTab::showStats()
{
    m_stats->setStats(m_flow.windows.value(m_window->currentData().toInt()));
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
