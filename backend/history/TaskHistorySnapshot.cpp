#include "TaskHistorySnapshot.h"

#include "flow/TaskMinuteSummary.h"

namespace e2i {

TaskFlowSnapshot TaskHistorySnapshot::read(HistoryStore &store, qint64 atMs)
{
    TaskFlowSnapshot snapshot;
    snapshot.takenAt = QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC);
    const qint64 endMs = atMs - atMs % HistoryStore::kMinuteMs;
    const QList<TaskMinute> minutes = store.taskMinutes(endMs - kLongestWindowMinutes * HistoryStore::kMinuteMs, endMs - 1);
    for (const int window : {1, 5, kLongestWindowMinutes}) {
        const qint64 fromMs = endMs - window * HistoryStore::kMinuteMs;
        QList<TaskMinute> inWindow;
        for (const TaskMinute &minute : minutes)
            if (minute.minuteMs >= fromMs)
                inWindow << minute;
        snapshot.windows.insert(window, TaskMinuteSummary::stats(inWindow, window));
    }
    snapshot.failures = store.taskFailures(atMs - kLongestWindowMinutes * HistoryStore::kMinuteMs, atMs);
    return snapshot;
}

} // namespace e2i
