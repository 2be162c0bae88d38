#pragma once
// `e2ictl tasks`: listens to the platform's task events for a short window
// (--for, default 5 s) and prints per task name and queue what succeeded,
// failed and retried, the failure rate and the wait / runtime p95, then the
// recent failures with exception and traceback. --follow prints each task
// event as it comes until SIGINT. Task arguments are never printed.
// Exit 0, 1 when Redis could not be read, 2 for bad arguments.
#include <QStringList>

namespace e2i {

class TasksCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace e2i
