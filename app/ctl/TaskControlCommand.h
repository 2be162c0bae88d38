#pragma once
// `e2ictl tasks revoke ID [--terminate [--signal SIG]]` and `e2ictl tasks
// rate-limit NAME RATE` (RATE as Celery takes it: 10/m, 5/s, 0 = no limit):
// broadcast to every worker (or --worker HOST...), after confirmation. A
// revoked task that has not started is skipped by every worker that heard
// it; --terminate also stops it where it runs. Exit codes as `workers`.
#include <QStringList>

namespace e2i {

class TaskControlCommand
{
public:
    static bool handles(const QStringList &arguments); // `tasks` arguments: revoke / rate-limit?
    static int run(const QStringList &arguments);
};

} // namespace e2i
