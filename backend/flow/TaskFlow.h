#pragma once
// Is the work flowing: Celery's task events folded, per (task name, queue,
// tier), into counts and latency percentiles over sliding windows, plus the
// recent failures, the slowest running tasks and a lookup by task id.
// Memory is bounded whatever the run time: at most FlowSettings::maxTaskKeys
// series (TaskSeries: 60 per-minute buckets with lazily allocated fixed-size
// histograms), maxTrackedTasks task records (LRU) and maxFailures failures.
// Task arguments are stored only when FlowSettings::showTaskArgs is set.
// Not thread-safe: lives on the event subscriber's thread.
#include "FlowSettings.h"
#include "TaskEventLine.h"
#include "TaskFlowSnapshot.h"
#include "TaskLru.h"
#include "TaskSeries.h"
#include "monitor/CeleryEvent.h"

#include <QHash>

#include <deque>
#include <map>
#include <optional>
#include <tuple>

namespace e2i {

class TaskFlow
{
public:
    static constexpr int kWindows[] = {1, 5, 60}; // minutes

    explicit TaskFlow(FlowSettings settings = {});

    void setQueueTiers(QHash<QString, QString> queueToTier) { m_queueToTier = std::move(queueToTier); }
    void setTierPrefixes(QHash<QString, QString> prefixToTier) { m_prefixToTier = std::move(prefixToTier); }

    // Folds one event in; returns what happened for a live listing, nothing for
    // events that are not task events.
    std::optional<TaskEventLine> ingest(const CeleryEvent &event, const QDateTime &receivedAt);

    QList<TaskStats> stats(int windowMinutes, const QDateTime &now) const; // sorted by name, queue
    QHash<QString, TaskCounts> countsByName(int windowMinutes, const QDateTime &now) const;
    QList<TaskFailure> recentFailures() const; // newest first
    QList<TaskTotals> totals() const;           // since start; sorted by name, queue, tier
    QList<RunningTask> slowestRunning(int count, const QDateTime &now) const;
    std::optional<TaskRecord> lookup(const QString &taskId) const;
    // Per (name, queue, tier) and minute, for minutes in [fromMinute, toMinute]
    // (epoch minutes); oldest first.
    QList<TaskMinute> minutes(qint64 fromMinute, qint64 toMinute) const;
    TaskFlowSnapshot snapshot(const QDateTime &now) const;

    int seriesCount() const { return int(m_series.size()); }
    int trackedTasks() const { return m_tasks.size(); }
    const FlowSettings &settings() const { return m_settings; }

private:
    using Key = std::tuple<QString, QString, QString>; // name, queue, tier
    TaskRecord &recordFor(const CeleryEvent &event);
    void update(TaskRecord &record, const CeleryEvent &event, const QDateTime &receivedAt);
    void count(const TaskRecord &record, const CeleryEvent &event, qint64 minute);
    static void increment(TaskCounts &counts, const CeleryEvent &event);
    void recordLatencies(const TaskRecord &record, const CeleryEvent &event, qint64 minute);
    void captureFailure(const TaskRecord &record, const CeleryEvent &event, const QDateTime &receivedAt);
    TaskSeries &seriesFor(const TaskRecord &record);
    void rememberQueue(TaskRecord &record);
    QString tierFor(const QString &queue, const QString &worker) const;
    QString shownArgs(const CeleryEvent &event) const;

    FlowSettings m_settings;
    QHash<QString, QString> m_queueToTier;
    QHash<QString, QString> m_prefixToTier;
    std::map<Key, TaskSeries> m_series;
    TaskLru m_tasks;
    QHash<QString, QString> m_lastQueue; // name + tier -> queue of its last task-sent
    QHash<QString, QDateTime> m_running; // task id -> started (receipt time); bounded by the LRU
    std::deque<TaskFailure> m_failures;  // newest first
    qint64 m_taskEvents = 0;
    qint64 m_failureSequence = 0;
};

} // namespace e2i
