#pragma once
// The work-flow view at one moment, as an immutable value for other threads.
#include "RunningTask.h"
#include "TaskCounts.h"
#include "TaskFailure.h"
#include "TaskMinute.h"
#include "TaskStats.h"
#include "TaskTotals.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>

namespace e2i {

struct TaskFlowSnapshot {
    QDateTime takenAt; // UTC
    QMap<int, QList<TaskStats>> windows;       // window minutes (1, 5, 60) -> per (name, queue, tier)
    QHash<QString, TaskCounts> failingWindow; // task name -> counts over FlowSettings::failingWindowMinutes
    QList<TaskFailure> failures;              // newest first
    QList<RunningTask> slowestRunning;        // longest running first
    qint64 taskEvents = 0;                    // task events seen since start
    QList<TaskTotals> totals;                 // per (name, queue, tier) since start, for /metrics
    // The current minute and the kRecordedMinutes - 1 before it, per (name,
    // queue, tier), for the history recorder: a minute is final once the next
    // one has begun, and a snapshot missed now and then loses nothing.
    static constexpr int kRecordedMinutes = 3;
    QList<TaskMinute> recentMinutes; // oldest minute first
};

} // namespace e2i
