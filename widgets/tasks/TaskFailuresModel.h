#pragma once
// The Tasks view's recent failures, newest first: time, task, exception type
// and message, worker, queue, task id, and the arguments only when the flow
// kept them (show_task_args; already cut to args_max_chars). The traceback is
// for the detail pane (TracebackRole).
#include "flow/TaskFailure.h"

#include <QAbstractTableModel>

namespace e2i {

class TaskFailuresModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Name, Exception, Message, Worker, Queue, TaskId, Arguments, ColumnCount };
    static constexpr int TracebackRole = Qt::UserRole + 2;

    explicit TaskFailuresModel(QObject *parent = nullptr);

    void setFailures(const QList<TaskFailure> &failures);
    const TaskFailure &failureAt(int row) const { return m_rows.at(row); }
    int rowOf(const QString &taskId) const; // -1 when not listed
    bool hasArguments() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static QVariant display(const TaskFailure &f, int column);

    QList<TaskFailure> m_rows;
};

} // namespace e2i
