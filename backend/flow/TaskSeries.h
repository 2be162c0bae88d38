#pragma once
// One (task name, queue, tier): counts and latency histograms in per-minute
// buckets, a ring of the last kMinutes. A window of W minutes sums the buckets
// of the W most recent minutes, the current (partial) one included. Histograms
// are allocated only for minutes that had a finished task, so an idle series
// costs a few hundred bytes and a busy one at most
// kMinutes * 2 * sizeof(LatencyHistogram) (about 280 KiB). Beside the ring,
// totals since the start (counts and two small CumulativeHistograms) feed the
// Prometheus counters, which must never go down as a window slides.
#include "LatencyHistogram.h"
#include "TaskCounts.h"
#include "TaskMinute.h"
#include "TaskStats.h"
#include "TaskTotals.h"

#include <QList>

#include <memory>
#include <vector>

namespace e2i {

class TaskSeries
{
public:
    static constexpr int kMinutes = 60; // the longest window

    enum class Latency { Runtime, Wait };

    TaskSeries();
    TaskCounts &countsAt(qint64 epochMinute);
    TaskCounts &totalCounts() { return m_totals.counts; }
    void recordLatency(Latency which, qint64 epochMinute, qint64 micros);
    // Adds the window of `minutes` (1..kMinutes) ending at `nowMinute` into the arguments.
    void accumulate(int minutes, qint64 nowMinute, TaskCounts &counts, LatencyHistogram &runtime,
                    LatencyHistogram &wait) const;
    // That window as stats; name/queue/tier left empty.
    TaskStats stats(int minutes, qint64 nowMinute) const;
    static TaskStats statsOf(int minutes, const TaskCounts &counts, const LatencyHistogram &runtime,
                             const LatencyHistogram &wait);
    // Each minute in [fromMinute, toMinute] that is still in the ring and saw
    // anything; name/queue/tier left empty.
    QList<TaskMinute> minutes(qint64 fromMinute, qint64 toMinute) const;
    qint64 lastMinute() const { return m_lastMinute; }
    const TaskTotals &totals() const { return m_totals; } // name/queue/tier left empty

private:
    struct Bucket {
        qint64 minute = -1;
        TaskCounts counts;
        std::unique_ptr<LatencyHistogram> runtime;
        std::unique_ptr<LatencyHistogram> wait;
    };
    Bucket &bucketAt(qint64 epochMinute);

    std::vector<Bucket> m_buckets;
    qint64 m_lastMinute = -1;
    TaskTotals m_totals;
};

} // namespace e2i
