#include "TimeSeries.h"

#include <algorithm>

namespace e2i {

TimeSeries::TimeSeries(std::size_t capacity)
    : m_points(std::max<std::size_t>(capacity, 1))
{
}

void TimeSeries::append(qint64 timeMs, double value)
{
    if (m_size > 0 && timeMs < last().timeMs)
        return;
    if (m_size < m_points.size()) {
        m_points[(m_head + m_size) % m_points.size()] = {timeMs, value};
        ++m_size;
        return;
    }
    m_points[m_head] = {timeMs, value};
    m_head = (m_head + 1) % m_points.size();
}

void TimeSeries::prependHistory(const std::vector<SeriesPoint> &older)
{
    const qint64 firstHeld = m_size > 0 ? at(0).timeMs : std::numeric_limits<qint64>::max();
    const auto end = std::lower_bound(older.begin(), older.end(), firstHeld,
                                      [](const SeriesPoint &p, qint64 t) { return p.timeMs < t; });
    std::vector<SeriesPoint> merged(older.begin(), end);
    merged.reserve(merged.size() + m_size);
    for (std::size_t i = 0; i < m_size; ++i)
        merged.push_back(at(i));
    const std::size_t keep = std::min(merged.size(), m_points.size());
    std::copy(merged.end() - std::ptrdiff_t(keep), merged.end(), m_points.begin());
    m_head = 0;
    m_size = keep;
}

std::size_t TimeSeries::lowerBound(qint64 timeMs) const
{
    std::size_t lo = 0;
    std::size_t hi = m_size;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (at(mid).timeMs < timeMs)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

bool TimeSeries::valueAt(qint64 timeMs, double *value) const
{
    const std::size_t after = lowerBound(timeMs + 1); // first point strictly later
    if (after == 0)
        return false;
    *value = at(after - 1).value;
    return true;
}

TimeSeries::Range TimeSeries::valueRange(qint64 fromMs, qint64 toMs) const
{
    Range range;
    for (std::size_t i = lowerBound(fromMs); i < m_size && at(i).timeMs <= toMs; ++i) {
        range.min = std::min(range.min, at(i).value);
        range.max = std::max(range.max, at(i).value);
    }
    return range;
}

} // namespace e2i
