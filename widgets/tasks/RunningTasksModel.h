#pragma once
// The Tasks view's slowest running tasks, longest running first.
#include "flow/RunningTask.h"

#include <QAbstractTableModel>

namespace e2i {

class RunningTasksModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, RunningFor, Worker, Queue, Started, TaskId, ColumnCount };

    explicit RunningTasksModel(QObject *parent = nullptr);

    void setTasks(const QList<RunningTask> &tasks);
    int rowOf(const QString &taskId) const; // -1 when not listed

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static QVariant display(const RunningTask &t, int column);

    QList<RunningTask> m_rows;
};

} // namespace e2i
