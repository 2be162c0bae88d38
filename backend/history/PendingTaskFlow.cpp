#include "PendingTaskFlow.h"

#include <set>

namespace e2i {

void PendingTaskFlow::add(const QList<TaskMinute> &minutes, const QList<TaskFailure> &failures)
{
    m_minutes += minutes;
    m_failures += failures;
    keepBound();
}

void PendingTaskFlow::clear()
{
    m_minutes.clear();
    m_failures.clear();
}

void PendingTaskFlow::keepBound()
{
    std::set<qint64> distinct;
    for (const TaskMinute &minute : std::as_const(m_minutes))
        distinct.insert(minute.minuteMs);
    while (distinct.size() > size_t(kMaxMinutes)) {
        const qint64 oldest = *distinct.begin();
        distinct.erase(distinct.begin());
        m_droppedRows += m_minutes.removeIf([oldest](const TaskMinute &minute) { return minute.minuteMs == oldest; });
    }
    if (m_failures.size() > kMaxFailures) {
        m_droppedRows += m_failures.size() - kMaxFailures;
        m_failures.remove(0, m_failures.size() - kMaxFailures);
    }
}

} // namespace e2i
