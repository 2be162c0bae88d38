#pragma once
// The metric families of one PlatformSample: Redis, queues, tiers, services,
// flow findings, cost. Unknown is not zero, here as in `e2ictl status --json`:
// a measurement the sample does not have (Redis unreadable, a tier's counts
// unknown, a service that cannot be probed, workers before a full heartbeat
// period) is left out rather than written as 0. A 0 would be a false value
// that graphs and alert rules (`e2i_tier_workers < 1`) take at its word;
// an absent series is what Prometheus means by "no data", and its `absent()`
// and staleness handling are built for it.
#include "MetricFamily.h"
#include "monitor/PlatformSample.h"

#include <optional>

namespace e2i {

class PlatformMetrics
{
public:
    static QList<MetricFamily> families(const PlatformSample &sample, bool complete,
                                        std::optional<double> costUsdPerHour);

private:
    static QList<MetricFamily> platform(const PlatformSample &sample);
    static QList<MetricFamily> queues(const PlatformSample &sample);
    static QList<MetricFamily> tiers(const PlatformSample &sample, bool complete);
    static QList<MetricFamily> services(const PlatformSample &sample);
    static MetricFamily findings(const PlatformSample &sample);
};

} // namespace e2i
