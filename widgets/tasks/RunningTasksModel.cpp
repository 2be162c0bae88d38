#include "RunningTasksModel.h"

#include "TaskText.h"

namespace e2i {

RunningTasksModel::RunningTasksModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RunningTasksModel::setTasks(const QList<RunningTask> &tasks)
{
    beginResetModel();
    m_rows = tasks;
    endResetModel();
}

int RunningTasksModel::rowOf(const QString &taskId) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows[row].taskId == taskId)
            return row;
    return -1;
}

int RunningTasksModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunningTasksModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunningTasksModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == Qt::DisplayRole)
        return display(m_rows.at(index.row()), index.column());
    if (role == Qt::TextAlignmentRole && index.column() == RunningFor)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RunningTasksModel::display(const RunningTask &t, int column)
{
    switch (column) {
    case Name: return t.name;
    case RunningFor: return TaskText::seconds(t.runningSeconds);
    case Worker: return t.worker;
    case Queue: return t.queue.isEmpty() ? QStringLiteral("-") : t.queue;
    case Started: return TaskText::utcTime(t.startedAt);
    case TaskId: return t.taskId;
    default: return {};
    }
}

QVariant RunningTasksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const QStringList titles{tr("Task"), tr("Running for"), tr("Worker"), tr("Queue"), tr("Started"), tr("Task id")};
    return titles.value(section);
}

} // namespace e2i
