#include "AlertHistory.h"

#include "AlertEventCodec.h"
#include "history/EventKinds.h"
#include "history/HistoryStore.h"

#include <algorithm>

namespace e2i {
namespace {

bool newerFirst(const AlertHistoryEntry &a, const AlertHistoryEntry &b)
{
    const qint64 ta = a.state.phase == AlertState::Phase::Firing ? a.state.firedAtMs : a.state.resolvedAtMs;
    const qint64 tb = b.state.phase == AlertState::Phase::Firing ? b.state.firedAtMs : b.state.resolvedAtMs;
    return ta > tb;
}

} // namespace

AlertHistory AlertHistory::fromEvents(const QList<HistoryEvent> &events, qint64 sinceMs, qint64 nowMs)
{
    AlertHistory history;
    for (const HistoryEvent &event : events)
        history.add(event, nowMs);
    history.finish(sinceMs);
    return history;
}

AlertHistory AlertHistory::read(HistoryStore &store, qint64 sinceMs, qint64 nowMs)
{
    QList<HistoryEvent> events;
    for (const QString &kind : {EventKinds::AlertFiring, EventKinds::AlertResolved, EventKinds::AlertSilenced,
                                EventKinds::RecorderStarted, EventKinds::RecorderStopped})
        events += store.events(nowMs - kLookBackMs, nowMs, kind);
    std::stable_sort(events.begin(), events.end(), [](const HistoryEvent &a, const HistoryEvent &b) {
        return a.timeMs != b.timeMs ? a.timeMs < b.timeMs : a.id < b.id;
    });
    return fromEvents(events, sinceMs, nowMs);
}

void AlertHistory::add(const HistoryEvent &event, qint64 nowMs)
{
    if (event.kind == EventKinds::RecorderStarted || event.kind == EventKinds::RecorderStopped) {
        endFiringAt(event.timeMs);
        return;
    }
    if (const auto silence = AlertEventCodec::decodeSilence(event)) {
        if (silence->untilMs > nowMs)
            silences.prepend(*silence);
        return;
    }
    const auto state = AlertEventCodec::decode(event);
    if (!state)
        return;
    if (state->phase == AlertState::Phase::Firing) {
        m_open.insert(state->key(), {*state, false});
        return;
    }
    m_open.remove(state->key());
    alerts.append({*state, false});
}

// Nobody judged these alerts after the recorder stopped: they end there.
void AlertHistory::endFiringAt(qint64 timeMs)
{
    for (AlertHistoryEntry entry : std::as_const(m_open)) {
        entry.state.phase = AlertState::Phase::Resolved;
        entry.state.resolvedAtMs = timeMs;
        entry.endedByRecorder = true;
        alerts.append(entry);
    }
    m_open.clear();
}

void AlertHistory::finish(qint64 sinceMs)
{
    QList<AlertHistoryEntry> firing(m_open.cbegin(), m_open.cend());
    QList<AlertHistoryEntry> resolved;
    for (const AlertHistoryEntry &entry : std::as_const(alerts))
        if (entry.state.resolvedAtMs >= sinceMs)
            resolved.append(entry);
    std::sort(firing.begin(), firing.end(), newerFirst);
    std::sort(resolved.begin(), resolved.end(), newerFirst);
    alerts = firing + resolved;
}

} // namespace e2i
