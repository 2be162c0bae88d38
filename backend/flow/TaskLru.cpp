#include "TaskLru.h"

namespace e2i {

TaskRecord &TaskLru::touch(const QString &taskId, QString *evicted)
{
    const auto found = m_index.find(taskId);
    if (found != m_index.end()) {
        m_order.splice(m_order.begin(), m_order, found->second);
        return m_order.front();
    }
    if (int(m_index.size()) >= m_capacity) {
        if (evicted)
            *evicted = m_order.back().taskId;
        m_index.erase(m_order.back().taskId);
        m_order.pop_back();
    }
    m_order.push_front(TaskRecord{});
    m_order.front().taskId = taskId;
    m_index.emplace(taskId, m_order.begin());
    return m_order.front();
}

const TaskRecord *TaskLru::find(const QString &taskId) const
{
    const auto found = m_index.find(taskId);
    return found == m_index.end() ? nullptr : &*found->second;
}

void TaskLru::remove(const QString &taskId)
{
    const auto found = m_index.find(taskId);
    if (found == m_index.end())
        return;
    m_order.erase(found->second);
    m_index.erase(found);
}

} // namespace e2i
