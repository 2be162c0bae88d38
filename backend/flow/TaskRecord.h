#pragma once
#include <QDateTime>
#include <QString>

namespace e2i {

// What is known about one task id (only task-sent and task-received carry its
// name and queue, so they are kept by id for the events that follow).
struct TaskRecord {
    enum class State { Sent, Received, Started, Succeeded, Failed, Retried, Rejected, Revoked };
    QString taskId;
    QString name;
    QString queue;
    QString tier;
    QString worker;
    State state = State::Sent;
    double sentTimestamp = 0;     // sender clocks (epoch seconds); 0 = not seen
    double receivedTimestamp = 0;
    double startedTimestamp = 0;
    QDateTime startedAt;          // receipt time of task-started (UTC)
    int retries = 0;
    QString args;                 // empty unless FlowSettings::showTaskArgs
};

QString taskStateName(TaskRecord::State state);

} // namespace e2i
