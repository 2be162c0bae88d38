#pragma once
// `e2ictl queues purge NAME --yes [--confirm-env NAME] [--json]`: deletes the
// queue's messages, in every priority sub-queue, and nothing else
// (QueuePurge). Prints each key with what it held. Exit 0; 1 when Redis
// failed; 2 for bad arguments or no confirmation.
#include <QStringList>

namespace e2i {

class QueuesCommand
{
public:
    static int run(const QStringList &arguments);
};

} // namespace e2i
