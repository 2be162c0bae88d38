#pragma once
// The platform as the history recorded it at a past moment: a PlatformSample
// built from the series and events in the store, for snapshots `--at T` and
// the console's replay. Services, tiers and queues come from what was recorded
// (the profile adds tiers' limits and queues' tiers); a value recorded more than
// `kStaleMs` before the moment is not taken as that moment's state. Workers'
// individual hosts are not recorded, so tiers carry counts, not workers.
#include "HistoryStore.h"
#include "monitor/PlatformSample.h"
#include "platform/PlatformProfile.h"

namespace e2i {

class SampleReconstructor
{
public:
    static constexpr qint64 kStaleMs = 2 * 60 * 1000;

    SampleReconstructor(HistoryStore &store, const PlatformProfile &profile) : m_store(store), m_profile(profile) {}

    // nullopt when nothing was recorded within kStaleMs before `timeMs`.
    std::optional<PlatformSample> sampleAt(qint64 timeMs, const QString &environment);

private:
    std::optional<double> valueAt(const QString &series, qint64 timeMs);
    void addServices(PlatformSample &sample, qint64 timeMs);
    void addQueues(PlatformSample &sample, qint64 timeMs);
    void addTiers(PlatformSample &sample, qint64 timeMs);
    TierCounts lastKnown(const QString &tier, qint64 timeMs);

    HistoryStore &m_store;
    const PlatformProfile &m_profile;
    QStringList m_names;
};

} // namespace e2i
