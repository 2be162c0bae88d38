#pragma once
// Plausible platform history for the chart tests and benchmark: the tiers of
// the platform's config/autoscale.yml (light 2-4 at 20/5, medium 1-3 at 10/2,
// heavy 0-4 at 1/0.5), queues that swell and drain, replicas that follow the load, and
// service latencies, recorded through MetricsStore::record() like the monitor's
// own samples. Deterministic for a given seed.
#include "monitor/MetricsStore.h"
#include "monitor/PlatformSample.h"
#include "platform/PlatformProfile.h"

#include <QRandomGenerator>

namespace e2i::testing {

class FakePlatformHistory
{
public:
    static constexpr int kServiceCount = 12;

    // extraQueues adds queues "extra1".. to the light tier (the benchmark wants ten).
    static PlatformProfile profile(int extraQueues = 0);

    FakePlatformHistory(PlatformProfile profile, quint32 seed);

    // Records one sample every stepSeconds over the `seconds` before endMs
    // (endMs included) and returns the last one.
    PlatformSample fill(MetricsStore &store, qint64 endMs, int seconds, int stepSeconds);

private:
    PlatformSample sampleAt(qint64 timeMs);
    double depthOf(int queueIndex, const TierPolicy &tier, qint64 timeMs);
    void followLoad(TierState &tier, const TierPolicy &policy);

    PlatformProfile m_profile;
    QRandomGenerator m_random;
    QList<int> m_replicas; // per tier, carried from sample to sample
    QStringList m_services;
};

} // namespace e2i::testing
