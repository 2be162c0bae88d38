#pragma once
// The task flow's part of the history store (HistoryStore owns the database
// and the transactions; this class knows the tables):
//   task_minute(minute_ms, name, queue, tier, sent .. revoked,
//               runtime_p50/p95/p99, wait_p50/p95/p99, runtime, wait)
//       one row per (task name, queue, tier) and UTC minute that saw
//       anything: at most FlowSettings::maxTaskKeys rows a minute, pruned
//       with the per-minute series. Percentiles are in seconds for a plain
//       SQL reader; the `runtime` / `wait` blobs are the minute's
//       histograms (LatencyHistogram::toBytes), which give percentiles over
//       any span of minutes. A minute written twice (a recorder restarted
//       within it) is added up, not replaced: each process counted only
//       the events it heard.
//   task_failure(event_id, time_ms, task_id, name, queue, tier, worker,
//                exception_type, message, traceback, retries, args)
//       the fields of a `task_failed` timeline event that do not fit the
//       event row; `args` only when the flow kept them (showTaskArgs).
#include "HistoryEvent.h"
#include "SqliteDatabase.h"
#include "flow/TaskFailure.h"
#include "flow/TaskMinute.h"

#include <QList>

namespace e2i {

class TaskHistoryTable
{
public:
    static QString schema();
    // Inside the caller's transaction.
    static bool addMinutes(SqliteDatabase &db, const QList<TaskMinute> &minutes);
    static bool addFailure(SqliteDatabase &db, qint64 eventId, const TaskFailure &failure);
    static bool prune(SqliteDatabase &db, qint64 beforeMs);

    // The timeline entry of a failure: kind task_failed, subject the task name,
    // to the exception type, detail "TYPE: MESSAGE (task ID on WORKER, queue Q)".
    static HistoryEvent failureEvent(const TaskFailure &failure);

    static QList<TaskMinute> minutes(SqliteDatabase &db, qint64 fromMs, qint64 toMs); // oldest first
    static QList<TaskFailure> failures(SqliteDatabase &db, qint64 fromMs, qint64 toMs); // newest first

private:
    static bool addMinute(SqliteDatabase &db, const TaskMinute &minute);
    static std::optional<TaskMinute> existing(SqliteDatabase &db, const TaskMinute &key);
};

} // namespace e2i
