#pragma once
// What the what-if replays when it looks further back than the console's
// memory: the recorded queue depths of a range as a DepthTrace, and each
// tier's measured service rate (tasks one replica completed per minute) in
// that range, from the recorded tier/<t>/processed and tier/<t>/replicas.
//
// The recorded `processed` is the sum over a tier's live workers, so a worker
// that joins adds its lifetime total and one that restarts drops to zero: an
// interval counts only when the tier's replica count is the same, and above 0,
// at both ends and the sum did not fall. What remains is work done in the
// range, never a lifetime total (a stalled tier measures 0, not its history).
// Per-minute points (data older than the full-resolution retention) are used
// the same way, as one-minute intervals.
#include "policy/DepthTrace.h"

#include <QHash>
#include <QStringList>

#include <optional>

namespace e2i {

class HistoryStore;

class RecordedWorkload
{
public:
    struct Result {
        std::optional<DepthTrace> trace; // nullopt: no depth recorded in the range (see diagnostics)
        QHash<QString, double> ratesPerReplicaPerMinute; // tiers with a measurement only
        Diagnostics diagnostics;
    };

    // Opens `historyFile` read-only; every problem is a diagnostic, nothing throws.
    static Result read(const QString &historyFile, const QStringList &tiers, qint64 fromMs, qint64 toMs);

    static std::optional<DepthTrace> depthTrace(HistoryStore &store, qint64 fromMs, qint64 toMs, Diagnostics *diagnostics);
    static std::optional<double> tasksPerReplicaPerMinute(HistoryStore &store, const QString &tier, qint64 fromMs,
                                                          qint64 toMs);
    // "recorded history 2026-11-29 10:00 – 2026-12-06 10:00 UTC"
    static QString rangeName(qint64 fromMs, qint64 toMs);
};

} // namespace e2i
