#pragma once
// What one (task name, queue, tier) did in one UTC minute, as the history
// store keeps it: the counts and the two latency histograms in
// LatencyHistogram::toBytes() form (empty when that minute had no sample), so
// percentiles over any span of minutes can be had by merging them.
#include "TaskCounts.h"

#include <QByteArray>
#include <QString>

namespace e2i {

struct TaskMinute {
    qint64 minuteMs = 0; // start of the minute, ms since the epoch (UTC)
    QString name;
    QString queue; // empty when no task-sent was seen for it
    QString tier;
    TaskCounts counts;
    QByteArray runtime; // microseconds
    QByteArray wait;    // microseconds, sent (or received) -> started
};

} // namespace e2i
