#pragma once
#include <QtGlobal>

namespace e2i {

// Task events counted in one time bucket or window.
struct TaskCounts {
    qint64 sent = 0;
    qint64 received = 0;
    qint64 started = 0;
    qint64 succeeded = 0;
    qint64 failed = 0;
    qint64 retried = 0;
    qint64 rejected = 0;
    qint64 revoked = 0;

    qint64 finished() const { return succeeded + failed; }
    TaskCounts &operator+=(const TaskCounts &o)
    {
        sent += o.sent, received += o.received, started += o.started, succeeded += o.succeeded;
        failed += o.failed, retried += o.retried, rejected += o.rejected, revoked += o.revoked;
        return *this;
    }
};

} // namespace e2i
