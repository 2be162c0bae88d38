#pragma once
// The alerts as the history file tells them: every alert whose last event is
// alert_firing is firing, unless the recorder stopped (or restarted) after it
// (then nobody judged it since: it is shown as resolved at that time, with
// `endedByRecorder`); resolved ones within the window; silences still running.
// What `e2ictl alerts` prints and what every evaluator reads its silences from.
#include "AlertSilence.h"
#include "AlertState.h"
#include "history/HistoryEvent.h"

#include <QHash>
#include <QList>

namespace e2i {

class HistoryStore;

struct AlertHistoryEntry {
    AlertState state;
    bool endedByRecorder = false;
};

class AlertHistory
{
public:
    // `events` in time order (HistoryStore::events); resolved alerts before
    // `sinceMs` are left out, firing ones never are.
    static AlertHistory fromEvents(const QList<HistoryEvent> &events, qint64 sinceMs, qint64 nowMs);
    // Reads the events itself: alerts of the last `sinceMs`..now and firing ones
    // from up to kLookBackMs, silences of the last kLookBackMs.
    static AlertHistory read(HistoryStore &store, qint64 sinceMs, qint64 nowMs);

    static constexpr qint64 kLookBackMs = 31LL * 24 * 3600 * 1000; // longest silence: 30 days

    QList<AlertHistoryEntry> alerts; // firing first, then resolved newest first
    QList<AlertSilence> silences;    // still running at nowMs, newest first

private:
    void add(const HistoryEvent &event, qint64 nowMs);
    void endFiringAt(qint64 timeMs);
    void finish(qint64 sinceMs);

    QHash<QString, AlertHistoryEntry> m_open; // by key, while the events are replayed
};

} // namespace e2i
