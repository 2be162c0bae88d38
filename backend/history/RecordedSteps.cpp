#include "RecordedSteps.h"

#include "HistoryStore.h"

#include <algorithm>

namespace e2i {
namespace {

constexpr double kMsPerHour = 3600.0 * 1000.0;

void append(std::vector<RecordedStep> &steps, const RecordedStep &step)
{
    if (step.toMs <= step.fromMs)
        return;
    if (!steps.empty() && steps.back().toMs == step.fromMs && steps.back().value == step.value)
        steps.back().toMs = step.toMs;
    else
        steps.push_back(step);
}

qint64 overlapMs(const RecordedStep &step, qint64 fromMs, qint64 toMs)
{
    return std::max<qint64>(0, std::min(step.toMs, toMs) - std::max(step.fromMs, fromMs));
}

} // namespace

std::vector<RecordedStep> RecordedSteps::fromPoints(const std::vector<HistoryPoint> &points, qint64 observedUntilMs)
{
    std::vector<RecordedStep> steps;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const qint64 start = points[i].timeMs;
        const qint64 next = i + 1 < points.size() ? points[i + 1].timeMs : observedUntilMs;
        if (next - start <= kMaxStepMs)
            append(steps, {start, next, points[i].last});
    }
    return steps;
}

std::vector<RecordedStep> RecordedSteps::read(HistoryStore &store, const QString &series, qint64 fromMs, qint64 toMs,
                                              qint64 observedUntilMs)
{
    // The value before fromMs may hold into the window; the one after toMs
    // tells whether the last value inside it held to the end.
    std::vector<HistoryPoint> points;
    if (const auto before = store.valueAt(series, fromMs - 1, kMaxStepMs))
        points.push_back(*before);
    for (const HistoryPoint &p : store.read(series, fromMs, toMs + kMaxStepMs))
        if (points.empty() || p.timeMs > points.back().timeMs)
            points.push_back(p);
    return clip(fromPoints(points, observedUntilMs), fromMs, toMs);
}

std::vector<RecordedStep> RecordedSteps::clip(const std::vector<RecordedStep> &steps, qint64 fromMs, qint64 toMs)
{
    std::vector<RecordedStep> clipped;
    for (const RecordedStep &s : steps)
        append(clipped, {std::max(s.fromMs, fromMs), std::min(s.toMs, toMs), s.value});
    return clipped;
}

double RecordedSteps::integralHours(const std::vector<RecordedStep> &steps, qint64 fromMs, qint64 toMs)
{
    double sum = 0.0;
    for (const RecordedStep &s : steps)
        sum += s.value * double(overlapMs(s, fromMs, toMs)) / kMsPerHour;
    return sum;
}

qint64 RecordedSteps::coveredMs(const std::vector<RecordedStep> &steps, qint64 fromMs, qint64 toMs)
{
    qint64 sum = 0;
    for (const RecordedStep &s : steps)
        sum += overlapMs(s, fromMs, toMs);
    return sum;
}

} // namespace e2i
