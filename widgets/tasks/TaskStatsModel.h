#pragma once
// The Tasks view's per-task-name table: one row per (task name, queue, tier)
// over the chosen window, sortable (SortRole gives numbers, so "fail rate",
// "wait p95" and "runtime p95" sort by value, a missing value last).
#include "flow/TaskStats.h"

#include <QAbstractTableModel>

namespace e2i {

class TaskStatsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Queue, Tier, Succeeded, Failed, Retried, FailureRate, WaitP95, RuntimeP95, PerMinute, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit TaskStatsModel(QObject *parent = nullptr);

    void setStats(const QList<TaskStats> &stats);
    const TaskStats &statsAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static QVariant display(const TaskStats &s, int column);
    static QVariant sortValue(const TaskStats &s, int column);

    QList<TaskStats> m_rows;
};

} // namespace e2i
