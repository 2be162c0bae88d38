#pragma once
// A recorded series read as a step function, for sums over time (the cost of
// a month, replica-hours). Each recorded value holds from its own time until
// the next value of the series, provided that comes within kMaxStepMs; a longer
// silence (the recorder stopped, Redis unreachable, no prices) is a gap: that
// time is uncovered, neither zero nor the last value carried on. The newest
// value holds until `observedUntilMs` (normally now: the recorder is still
// writing) when that is within kMaxStepMs, else it covers nothing.
//
// Per-minute points (history older than the full-resolution retention) hold
// their minute's last value over the whole minute.
#include "HistoryPoint.h"

#include <QString>

#include <vector>

namespace e2i {

class HistoryStore;

struct RecordedStep {
    qint64 fromMs = 0;
    qint64 toMs = 0; // exclusive
    double value = 0.0;
};

class RecordedSteps
{
public:
    static constexpr qint64 kMaxStepMs = 5 * 60 * 1000;

    // Points oldest first. Consecutive steps with equal values are merged.
    static std::vector<RecordedStep> fromPoints(const std::vector<HistoryPoint> &points, qint64 observedUntilMs);
    // The steps of `series` that overlap [fromMs, toMs], read from `store`
    // (including the value that carries in from before fromMs), clipped to it.
    static std::vector<RecordedStep> read(HistoryStore &store, const QString &series, qint64 fromMs, qint64 toMs,
                                          qint64 observedUntilMs);

    static std::vector<RecordedStep> clip(const std::vector<RecordedStep> &steps, qint64 fromMs, qint64 toMs);
    // Sum of value x hours over [fromMs, toMs).
    static double integralHours(const std::vector<RecordedStep> &steps, qint64 fromMs, qint64 toMs);
    static qint64 coveredMs(const std::vector<RecordedStep> &steps, qint64 fromMs, qint64 toMs);
};

} // namespace e2i
