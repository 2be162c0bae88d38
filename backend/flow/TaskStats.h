#pragma once
// What one task name did on one queue and tier over a window. The same struct
// whether it comes from live events (TaskFlow) or, later, from recorded history,
// so tables and JSON take either.
#include "TaskCounts.h"

#include <QString>

namespace e2i {

struct TaskStats {
    QString name;
    QString queue; // empty when no task-sent was seen for it
    QString tier;
    int windowMinutes = 0;
    TaskCounts counts;
    double throughputPerMinute = 0.0; // finished (succeeded + failed) per minute
    double failureRate = -1.0;        // failed / finished; -1 when nothing finished
    double retryRate = -1.0;          // retried / (finished + retried); -1 when none
    // Seconds; -1 when there is no sample. Wait = sent (or received) -> started.
    double runtimeP50 = -1, runtimeP95 = -1, runtimeP99 = -1;
    double waitP50 = -1, waitP95 = -1, waitP99 = -1;
};

} // namespace e2i
