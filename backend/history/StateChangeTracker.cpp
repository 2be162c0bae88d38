#include "StateChangeTracker.h"

#include "EventKinds.h"
#include "HistoryStore.h"

namespace e2i {
namespace {

const QString BelowMin = QStringLiteral("below min");
const QString Ok = QStringLiteral("ok");

} // namespace

void StateChangeTracker::seed(HistoryStore &store, qint64 timeMs)
{
    // 90 days is the timeline's retention: anything older is gone anyway.
    QList<HistoryEvent> events = store.events(timeMs - 90LL * HistoryStore::kDayMs, timeMs, EventKinds::ServiceStatus);
    events += store.events(timeMs - 90LL * HistoryStore::kDayMs, timeMs, EventKinds::TierBelowMin);
    events += store.events(timeMs - 90LL * HistoryStore::kDayMs, timeMs, EventKinds::TierRestored);
    std::stable_sort(events.begin(), events.end(),
                     [](const HistoryEvent &a, const HistoryEvent &b) { return a.timeMs < b.timeMs; });
    seed(events);
}

void StateChangeTracker::seed(const QList<HistoryEvent> &events)
{
    for (const HistoryEvent &e : events) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(e.timeMs, Qt::UTC);
        if (e.kind == EventKinds::ServiceStatus)
            m_services.insert(e.subject, {e.to, at});
        else if (e.kind == EventKinds::TierBelowMin)
            m_tiers.insert(e.subject, {BelowMin, at});
        else if (e.kind == EventKinds::TierRestored)
            m_tiers.insert(e.subject, {Ok, at});
    }
}

void StateChangeTracker::apply(PlatformSample &sample)
{
    for (ServiceHealth &s : sample.services) {
        const QString state = healthStatusName(s.status);
        auto it = m_services.find(s.name);
        if (it == m_services.end() || it->state != state)
            it = m_services.insert(s.name, {state, s.lastChange.isValid() ? std::min(s.lastChange, sample.sampledAt)
                                                                          : sample.sampledAt});
        s.lastChange = it->since;
    }
    if (!sample.eventsConnected)
        return; // tier states are unknown without worker events
    for (const TierState &tier : sample.tiers) {
        const QString state = tier.replicas < tier.minReplicas ? BelowMin : Ok;
        const auto it = m_tiers.constFind(tier.name);
        if (it == m_tiers.constEnd() || it->state != state)
            m_tiers.insert(tier.name, {state, sample.sampledAt});
    }
}

QDateTime StateChangeTracker::tierBelowMinSince(const QString &tier) const
{
    const auto it = m_tiers.constFind(tier);
    return it != m_tiers.constEnd() && it->state == BelowMin ? it->since : QDateTime();
}

} // namespace e2i
