#pragma once
#include <QDateTime>
#include <QString>

namespace e2i {

// One failed task as its task-failed event told it.
struct TaskFailure {
    QString taskId;
    QString name;
    QString queue;
    QString tier;
    QString worker;        // hostname of the worker that ran it
    QString exceptionType; // "ValueError"
    QString message;       // "boom 1"
    QString traceback;     // text, tail-truncated to FlowSettings::tracebackMaxChars
    int retries = 0;
    QDateTime at;          // UTC, receipt time
    QString args;          // empty unless FlowSettings::showTaskArgs (then truncated)
    qint64 sequence = 0;   // 1, 2, ... in the order TaskFlow saw them: what the recorder has written
};

} // namespace e2i
