#pragma once
#include <QDateTime>
#include <QString>

namespace e2i {

// A task that has started and not finished, for "the slowest running tasks".
struct RunningTask {
    QString taskId;
    QString name;
    QString queue;
    QString tier;
    QString worker;
    QDateTime startedAt; // UTC, receipt time of task-started
    double runningSeconds = 0.0;
};

} // namespace e2i
