#pragma once
// The task minutes and failures the recorder has taken from the flow but the
// store has not accepted yet (busy, full disk). HistoryStore::appendTaskFlow
// writes them in one transaction, all or nothing, so retrying the whole set
// never duplicates a minute, and nothing is lost unless the outage outlasts
// the bound: the oldest minutes beyond kMaxMinutes distinct minutes, and the
// oldest failures beyond kMaxFailures, are dropped and counted.
#include "flow/TaskFailure.h"
#include "flow/TaskMinute.h"

#include <QList>

namespace e2i {

class PendingTaskFlow
{
public:
    static constexpr int kMaxMinutes = 60;    // the flow's own ring: an hour of minutes
    static constexpr int kMaxFailures = 1000;

    void add(const QList<TaskMinute> &minutes, const QList<TaskFailure> &failures);
    void clear();
    bool isEmpty() const { return m_minutes.isEmpty() && m_failures.isEmpty(); }
    const QList<TaskMinute> &minutes() const { return m_minutes; }   // oldest first
    const QList<TaskFailure> &failures() const { return m_failures; } // oldest first
    qint64 droppedRows() const { return m_droppedRows; }

private:
    void keepBound();

    QList<TaskMinute> m_minutes;
    QList<TaskFailure> m_failures;
    qint64 m_droppedRows = 0;
};

} // namespace e2i
