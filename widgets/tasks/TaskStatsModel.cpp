#include "TaskStatsModel.h"

#include "TaskText.h"

#include <limits>

namespace e2i {
namespace {

// A missing rate or percentile sorts below every real one, so with the worst
// first (descending) names that finished nothing come last.
double orMissing(double value)
{
    return value < 0 ? -std::numeric_limits<double>::max() : value;
}

} // namespace

TaskStatsModel::TaskStatsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TaskStatsModel::setStats(const QList<TaskStats> &stats)
{
    beginResetModel();
    m_rows = stats;
    endResetModel();
}

int TaskStatsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TaskStatsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TaskStatsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TaskStats &s = m_rows.at(index.row());
    if (role == Qt::DisplayRole)
        return display(s, index.column());
    if (role == SortRole)
        return sortValue(s, index.column());
    if (role == Qt::TextAlignmentRole && index.column() >= Succeeded)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant TaskStatsModel::display(const TaskStats &s, int column)
{
    switch (column) {
    case Name: return s.name;
    case Queue: return s.queue.isEmpty() ? QStringLiteral("-") : s.queue;
    case Tier: return s.tier.isEmpty() ? QStringLiteral("-") : s.tier;
    case Succeeded: return s.counts.succeeded;
    case Failed: return s.counts.failed;
    case Retried: return s.counts.retried;
    case FailureRate: return TaskText::percent(s.failureRate);
    case WaitP95: return TaskText::seconds(s.waitP95);
    case RuntimeP95: return TaskText::seconds(s.runtimeP95);
    case PerMinute: return QString::number(s.throughputPerMinute, 'f', 1);
    default: return {};
    }
}

QVariant TaskStatsModel::sortValue(const TaskStats &s, int column)
{
    switch (column) {
    case FailureRate: return orMissing(s.failureRate);
    case WaitP95: return orMissing(s.waitP95);
    case RuntimeP95: return orMissing(s.runtimeP95);
    case PerMinute: return s.throughputPerMinute;
    default: return display(s, column);
    }
}

QVariant TaskStatsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const QStringList titles{tr("Task"), tr("Queue"), tr("Tier"), tr("Succeeded"), tr("Failed"),
                                    tr("Retried"), tr("Fail rate"), tr("Wait p95"), tr("Runtime p95"), tr("Per min")};
    return titles.value(section);
}

} // namespace e2i
