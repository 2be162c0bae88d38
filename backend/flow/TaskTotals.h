#pragma once
// What one (task name, queue, tier) did since the process started listening:
// counters that only grow and cumulative latency histograms, for the
// Prometheus endpoint (metrics/TaskFlowMetrics). The windowed view is TaskStats.
#include "CumulativeHistogram.h"
#include "TaskCounts.h"

#include <QString>

namespace e2i {

struct TaskTotals {
    QString name;
    QString queue; // empty when no task-sent was seen for it
    QString tier;
    TaskCounts counts;
    CumulativeHistogram runtime; // seconds
    CumulativeHistogram wait;    // seconds, sent (or received) -> started
};

} // namespace e2i
