#pragma once
// The one background job a tab has in flight. start() hands out a ticket (an id and an
// atomic cancel flag the kernels poll); a newer start() or cancel() raises the old
// ticket's flag and makes its id stale, so a late result from it is dropped.
#include <QtGlobal>

#include <atomic>
#include <memory>

namespace e2i {

class JobTracker
{
public:
    struct Ticket {
        quint64 id = 0;
        std::shared_ptr<std::atomic_bool> cancelRequested;
    };

    ~JobTracker();

    Ticket start();
    void cancel();
    bool isCurrent(quint64 id) const;
    void finish(quint64 id);
    bool isActive() const { return static_cast<bool>(m_current.cancelRequested); }

private:
    Ticket m_current;
    quint64 m_lastId = 0;
};

} // namespace e2i
