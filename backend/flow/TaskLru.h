#pragma once
// Task records by id, at most `capacity` of them: the least recently touched
// goes first, so memory stays bounded however many tasks the platform runs.
#include "TaskRecord.h"

#include <list>
#include <unordered_map>

namespace e2i {

class TaskLru
{
public:
    explicit TaskLru(int capacity) : m_capacity(qMax(1, capacity)) {}

    // The record for `taskId`, created if new; marks it most recently used.
    // `evicted` receives the id pushed out to make room, if any.
    TaskRecord &touch(const QString &taskId, QString *evicted = nullptr);
    const TaskRecord *find(const QString &taskId) const;
    void remove(const QString &taskId);
    int size() const { return int(m_index.size()); }
    int capacity() const { return m_capacity; }

private:
    int m_capacity;
    std::list<TaskRecord> m_order; // front = most recent
    std::unordered_map<QString, std::list<TaskRecord>::iterator> m_index;
};

} // namespace e2i
