#pragma once
// Celery's `revoke` remote-control command, the minimal broadcast: a kombu envelope PUBLISHed
// on the `celery.pidbox` fanout exchange (Redis channel `/{db}.celery.pidbox`), no reply asked
// for. Every worker adds the id to its revoked set (a message it receives later is discarded)
// and, with terminate, signals the process running it. Shape copied from `celery control
// revoke` under redis-cli MONITOR (CELERY_WIRE.md, "Remote control").
#include <QByteArray>
#include <QString>

namespace e2i {

struct RevokeBroadcast {
    QString taskId;
    bool terminate = false; // SIGTERM the running task (prefork pools; a thread pool cannot)

    QByteArray channel(int db) const;
    QByteArray envelope() const;
};

} // namespace e2i
