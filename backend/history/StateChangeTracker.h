#pragma once
// When each service's status and each tier's "below minimum" state last
// changed, kept across restarts: seeded from the timeline (the last
// service_status / tier events in the store), then followed sample by sample.
// The health prober only knows changes since its own process started, and the
// worker tiers' status is derived each sample, so without this "since change"
// would read as the console's start time.
#include "HistoryEvent.h"
#include "monitor/PlatformSample.h"

#include <QHash>

namespace e2i {

class HistoryStore;

class StateChangeTracker
{
public:
    struct Change {
        QString state;
        QDateTime since;
    };

    // The last recorded change of every service and tier at or before `timeMs`.
    void seed(HistoryStore &store, qint64 timeMs);
    void seed(const QList<HistoryEvent> &events);
    // Sets each service's lastChange, and remembers the tiers' states.
    void apply(PlatformSample &sample);

    // Since when `tier` has been below its minimum (invalid when it is not).
    QDateTime tierBelowMinSince(const QString &tier) const;

private:
    QHash<QString, Change> m_services;
    QHash<QString, Change> m_tiers; // state "below min" or "ok"
};

} // namespace e2i
