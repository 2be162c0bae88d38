#pragma once
// `e2ictl workers ping|inspect WHAT|pool-grow [N]|pool-shrink [N]|add-consumer QUEUE|
// cancel-consumer QUEUE|shutdown [--worker HOST]... [--json]`: Celery's remote
// control. Without --worker every worker is addressed and every one heard
// heartbeating is waited for. Changing actions need confirmation
// (ControlConfirmation). Exit 0; 1 when a worker did not answer or refused,
// or Redis failed; 2 for bad arguments or no confirmation.
#include <QStringList>

namespace e2i {

class WorkersCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace e2i
