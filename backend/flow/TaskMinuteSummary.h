#pragma once
// Recorded minutes (history) summed per (task name, queue, tier) into the same
// TaskStats the live flow gives, percentiles from the merged histograms, so
// `e2ictl tasks` prints either source with one table.
#include "TaskMinute.h"
#include "TaskStats.h"

#include <QList>

namespace e2i {

class TaskMinuteSummary
{
public:
    // Sorted by name, queue, tier; rates per minute over `windowMinutes`.
    static QList<TaskStats> stats(const QList<TaskMinute> &minutes, int windowMinutes);
};

} // namespace e2i
