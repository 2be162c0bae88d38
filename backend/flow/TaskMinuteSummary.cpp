#include "TaskMinuteSummary.h"

#include "LatencyHistogram.h"
#include "TaskSeries.h"

#include <map>
#include <tuple>

namespace e2i {
namespace {

struct Sum {
    TaskCounts counts;
    LatencyHistogram runtime;
    LatencyHistogram wait;
};

void mergeInto(LatencyHistogram &sum, const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    if (const auto histogram = LatencyHistogram::fromBytes(bytes))
        sum.merge(*histogram); // an unreadable blob is a gap in the percentiles, not a failure
}

} // namespace

QList<TaskStats> TaskMinuteSummary::stats(const QList<TaskMinute> &minutes, int windowMinutes)
{
    std::map<std::tuple<QString, QString, QString>, Sum> sums;
    for (const TaskMinute &m : minutes) {
        Sum &sum = sums[{m.name, m.queue, m.tier}];
        sum.counts += m.counts;
        mergeInto(sum.runtime, m.runtime);
        mergeInto(sum.wait, m.wait);
    }
    QList<TaskStats> list;
    for (const auto &[key, sum] : sums) {
        TaskStats s = TaskSeries::statsOf(qMax(1, windowMinutes), sum.counts, sum.runtime, sum.wait);
        std::tie(s.name, s.queue, s.tier) = key;
        list.append(s);
    }
    return list;
}

} // namespace e2i
