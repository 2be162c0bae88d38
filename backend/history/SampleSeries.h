#pragma once
// The series names a sample is recorded under, shared by the recorder, the
// console's chart preload and `e2ictl history export`:
//   queue/<q>/depth  queue/<q>/unacked  queue/<q>/priority/<step>
//   tier/<t>/replicas  tier/<t>/queued  tier/<t>/unacked  tier/<t>/active  tier/<t>/processed
//   service/<s>/status (0 up, 1 degraded, 2 down, 3 unknown)  service/<s>/latency_ms  service/<s>/http_code
//   redis/connected (1/0)  cost/usd_per_hour  cost/tier/<t>/usd_per_hour
// The cost series are LiveCostRate's resource-priced estimate at the sample's
// replicas: the whole deployment, and each tier's part of it.
// The queue/tier names match MetricsStore's, so a recorded series loads
// straight into a live chart. While Redis is unreachable no queue or tier value
// is recorded: the gap is the truth, a zero would not be.
#include "HistoryStore.h"
#include "cost/LiveCostRate.h"
#include "monitor/PlatformSample.h"

#include <optional>

namespace e2i {

class SampleSeries
{
public:
    static HistoryStore::Values flatten(const PlatformSample &sample,
                                       const std::optional<LiveCostRate::Rates> &cost = {});

    static QString queuePrioritySeries(const QString &queue, int step);
    static QString tierUnackedSeries(const QString &tier);
    static QString tierActiveSeries(const QString &tier);
    static QString tierProcessedSeries(const QString &tier);
    static QString serviceStatusSeries(const QString &service);
    static QString serviceHttpCodeSeries(const QString &service);
    static QString redisConnectedSeries();
    static QString costSeries();
    static QString tierCostSeries(const QString &tier);

    static double statusValue(HealthStatus status) { return double(int(status)); }
    static HealthStatus statusFromValue(double value);
};

} // namespace e2i
