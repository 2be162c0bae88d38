#include "TaskSeries.h"

#include <algorithm>

namespace e2i {
namespace {

constexpr double kMicrosPerSecond = 1e6;

double seconds(double micros)
{
    return micros < 0 ? -1.0 : micros / kMicrosPerSecond;
}

double ratio(qint64 part, qint64 whole)
{
    return whole > 0 ? double(part) / double(whole) : -1.0;
}

} // namespace

TaskSeries::TaskSeries()
    : m_buckets(kMinutes)
{
}

// A slot still holding an older minute is reset before reuse: the ring never
// mixes minutes, and an event older than the ring is counted in its slot only
// if that slot is still its minute (late events are otherwise dropped).
TaskSeries::Bucket &TaskSeries::bucketAt(qint64 epochMinute)
{
    Bucket &b = m_buckets[std::size_t(epochMinute % kMinutes)];
    if (b.minute != epochMinute && epochMinute >= b.minute) {
        b.minute = epochMinute;
        b.counts = {};
        b.runtime.reset();
        b.wait.reset();
    }
    m_lastMinute = qMax(m_lastMinute, epochMinute);
    return b;
}

TaskCounts &TaskSeries::countsAt(qint64 epochMinute)
{
    return bucketAt(epochMinute).counts;
}

void TaskSeries::recordLatency(Latency which, qint64 epochMinute, qint64 micros)
{
    Bucket &b = bucketAt(epochMinute);
    auto &histogram = which == Latency::Runtime ? b.runtime : b.wait;
    if (!histogram)
        histogram = std::make_unique<LatencyHistogram>();
    histogram->record(micros);
    (which == Latency::Runtime ? m_totals.runtime : m_totals.wait).record(double(micros) / kMicrosPerSecond);
}

void TaskSeries::accumulate(int minutes, qint64 nowMinute, TaskCounts &counts, LatencyHistogram &runtime,
                            LatencyHistogram &wait) const
{
    minutes = qBound(1, minutes, kMinutes);
    for (const auto &b : m_buckets) {
        if (b.minute < 0 || b.minute > nowMinute || b.minute <= nowMinute - minutes)
            continue;
        counts += b.counts;
        if (b.runtime)
            runtime.merge(*b.runtime);
        if (b.wait)
            wait.merge(*b.wait);
    }
}

TaskStats TaskSeries::stats(int minutes, qint64 nowMinute) const
{
    TaskCounts counts;
    LatencyHistogram runtime, wait;
    accumulate(minutes, nowMinute, counts, runtime, wait);
    return statsOf(qBound(1, minutes, kMinutes), counts, runtime, wait);
}

TaskStats TaskSeries::statsOf(int minutes, const TaskCounts &counts, const LatencyHistogram &runtime,
                              const LatencyHistogram &wait)
{
    TaskStats s;
    s.windowMinutes = minutes;
    s.counts = counts;
    s.throughputPerMinute = double(s.counts.finished()) / qMax(1, minutes);
    s.failureRate = ratio(s.counts.failed, s.counts.finished());
    s.retryRate = ratio(s.counts.retried, s.counts.finished() + s.counts.retried);
    s.runtimeP50 = seconds(runtime.quantile(0.50));
    s.runtimeP95 = seconds(runtime.quantile(0.95));
    s.runtimeP99 = seconds(runtime.quantile(0.99));
    s.waitP50 = seconds(wait.quantile(0.50));
    s.waitP95 = seconds(wait.quantile(0.95));
    s.waitP99 = seconds(wait.quantile(0.99));
    return s;
}

QList<TaskMinute> TaskSeries::minutes(qint64 fromMinute, qint64 toMinute) const
{
    QList<TaskMinute> list;
    for (const auto &b : m_buckets) {
        if (b.minute < fromMinute || b.minute > toMinute)
            continue;
        TaskMinute m;
        m.minuteMs = b.minute * 60'000;
        m.counts = b.counts;
        if (b.runtime)
            m.runtime = b.runtime->toBytes();
        if (b.wait)
            m.wait = b.wait->toBytes();
        list.append(m);
    }
    std::sort(list.begin(), list.end(), [](const TaskMinute &a, const TaskMinute &b) { return a.minuteMs < b.minuteMs; });
    return list;
}

} // namespace e2i
