#include "JobTracker.h"

namespace e2i {

JobTracker::~JobTracker()
{
    // A job still running when its tab goes away must stop rather than compute for nobody.
    cancel();
}

JobTracker::Ticket JobTracker::start()
{
    cancel();
    m_current = {++m_lastId, std::make_shared<std::atomic_bool>(false)};
    return m_current;
}

void JobTracker::cancel()
{
    if (m_current.cancelRequested)
        m_current.cancelRequested->store(true);
    m_current = {};
}

bool JobTracker::isCurrent(quint64 id) const
{
    return m_current.cancelRequested && m_current.id == id;
}

void JobTracker::finish(quint64 id)
{
    if (isCurrent(id))
        m_current = {};
}

} // namespace e2i
