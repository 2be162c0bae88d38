#include "TaskFailuresModel.h"

#include "TaskText.h"

#include <algorithm>

namespace e2i {

TaskFailuresModel::TaskFailuresModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TaskFailuresModel::setFailures(const QList<TaskFailure> &failures)
{
    beginResetModel();
    m_rows = failures;
    endResetModel();
}

int TaskFailuresModel::rowOf(const QString &taskId) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows[row].taskId == taskId)
            return row;
    return -1;
}

bool TaskFailuresModel::hasArguments() const
{
    return std::any_of(m_rows.cbegin(), m_rows.cend(), [](const TaskFailure &f) { return !f.args.isEmpty(); });
}

int TaskFailuresModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TaskFailuresModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TaskFailuresModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TaskFailure &f = m_rows.at(index.row());
    if (role == Qt::DisplayRole)
        return display(f, index.column());
    if (role == TracebackRole)
        return f.traceback;
    if (role == Qt::ToolTipRole && index.column() == Message)
        return f.message;
    return {};
}

QVariant TaskFailuresModel::display(const TaskFailure &f, int column)
{
    switch (column) {
    case Time: return TaskText::utcTime(f.at);
    case Name: return f.name;
    case Exception: return f.exceptionType;
    case Message: return f.message;
    case Worker: return f.worker;
    case Queue: return f.queue.isEmpty() ? QStringLiteral("-") : f.queue;
    case TaskId: return f.taskId;
    case Arguments: return f.args;
    default: return {};
    }
}

QVariant TaskFailuresModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const QStringList titles{tr("Time"), tr("Task"), tr("Exception"), tr("Message"),
                                    tr("Worker"), tr("Queue"), tr("Task id"), tr("Arguments")};
    return titles.value(section);
}

} // namespace e2i
