#pragma once
// The Tasks view: per task name (and queue, tier) what succeeded, failed and
// retried over 1 min / 5 min / 1 h, sortable by failure rate, wait p95 or
// runtime p95; the recent failures with the selected one's exception,
// traceback, worker, queue and time in a detail pane; the slowest running
// tasks; and a lookup by task id. Fed from the monitor's TaskFlowSnapshot
// (setFlow: models only, nothing that waits); a lookup of a task the snapshot
// does not list is asked of the flow's own thread (lookupRequested ->
// showLookup). Arguments appear only when the flow kept them (show_task_args,
// already truncated).
#include "flow/TaskFlowSnapshot.h"
#include "flow/TaskLookup.h"

#include <QJsonObject>
#include <QWidget>

class QAbstractItemModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;

namespace e2i {

class RunningTasksModel;
class TaskFailuresModel;
class TaskStatsModel;
class WorkerControl;

class TasksTab : public QWidget
{
    Q_OBJECT
public:
    explicit TasksTab(QWidget *parent = nullptr);

    void setFlow(const TaskFlowSnapshot &flow);
    void showLookup(const TaskLookup &result);
    // Looks the id up as if typed into the lookup field.
    void lookUp(const QString &taskId);
    // Where the figures come from, said in the tab (snapshots): the history
    // file, or the events heard since `from`; the range shown follows the window.
    void setSource(const QString &source, bool recorded, const QDateTime &from = {});
    void setWindowMinutes(int minutes);
    QString sourceText() const;
    // The snapshot sidecar's `tasks`: source, range and the figures of the selected window.
    QJsonObject snapshotJson() const;
    // Right-click on a running task offers revoke, revoke and terminate, and its rate limit.
    void setWorkerControl(WorkerControl *control);

    TaskStatsModel *statsModel() const { return m_stats; }
    TaskFailuresModel *failuresModel() const { return m_failures; }
    RunningTasksModel *runningModel() const { return m_running; }
    QString detailText() const;
    QString lookupText() const;

Q_SIGNALS:
    void lookupRequested(const QString &taskId);

private:
    QWidget *buildControls();
    QWidget *buildFailures();
    QTableView *tableFor(QAbstractItemModel *model);
    void showStats();
    void showSource();
    QDateTime shownFrom() const;
    void showSelectedFailure();
    void keepFailureSelected(const QString &taskId);
    QString selectedFailureId() const;
    void showRunningTaskMenu(const QPoint &position);

    TaskFlowSnapshot m_flow;
    TaskStatsModel *m_stats = nullptr;
    QSortFilterProxyModel *m_sortedStats = nullptr;
    TaskFailuresModel *m_failures = nullptr;
    RunningTasksModel *m_running = nullptr;
    QComboBox *m_window = nullptr;
    QLineEdit *m_lookup = nullptr;
    QLabel *m_lookupResult = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_source = nullptr;
    QString m_sourceName;
    bool m_recorded = false;
    QDateTime m_sourceFrom;
    QTableView *m_failuresView = nullptr;
    QTableView *m_runningView = nullptr;
    QPlainTextEdit *m_detail = nullptr;
    WorkerControl *m_control = nullptr;
};

} // namespace e2i
