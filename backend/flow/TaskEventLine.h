#pragma once
#include <QDateTime>
#include <QString>

namespace e2i {

// One task event as `e2ictl tasks --follow` prints it: name and queue filled in
// from the task's earlier events. Arguments only when FlowSettings::showTaskArgs.
struct TaskEventLine {
    QDateTime at; // UTC, receipt time
    QString type; // task-started, task-failed, ...
    QString taskId;
    QString name;
    QString queue;
    QString tier;
    QString worker;
    double runtime = -1.0; // seconds, when finished
    QString exception;     // task-failed / task-retried
    QString args;
};

} // namespace e2i
