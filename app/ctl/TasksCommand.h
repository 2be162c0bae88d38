#pragma once
// `e2ictl tasks`: prints per task name and queue what succeeded, failed and
// retried, the failure rate and the wait / runtime p95, then the recent
// failures with exception and traceback. The source is the history the
// recorder wrote (--history FILE, else the environment's file when it exists;
// --since, default 1 h), else a short live listen to the task events (--for,
// default 5 s). --follow prints each task event as it comes until SIGINT.
// Task arguments are printed only if the source kept them (showTaskArgs).
// Exit 0, 1 when Redis could not be read, 2 for bad arguments.
#include <QStringList>

namespace e2i {

class TasksCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace e2i
