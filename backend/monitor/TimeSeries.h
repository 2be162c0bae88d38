#pragma once
// A bounded, time-sorted series of (time, value) points: a ring buffer that
// drops the oldest point once full, so memory is fixed whatever the run time.
// Lookups by time are binary searches, O(log n).
#include <QtGlobal>

#include <cstddef>
#include <limits>
#include <vector>

namespace e2i {

struct SeriesPoint {
    qint64 timeMs = 0; // ms since the Unix epoch, UTC
    double value = 0.0;
};

class TimeSeries
{
public:
    explicit TimeSeries(std::size_t capacity = 86400);

    // Appends a point; a point older than the newest one is ignored (samples
    // arrive in order; a clock step backwards must not break the sort).
    void append(qint64 timeMs, double value);
    // Puts recorded points (time-sorted) before the ones already held: those at
    // or after the first held point are skipped, and when the whole would not
    // fit, the oldest are dropped, as append() would have dropped them.
    void prependHistory(const std::vector<SeriesPoint> &older);

    std::size_t size() const { return m_size; }
    std::size_t capacity() const { return m_points.size(); }
    bool isEmpty() const { return m_size == 0; }
    const SeriesPoint &at(std::size_t i) const { return m_points[(m_head + i) % m_points.size()]; }
    const SeriesPoint &last() const { return at(m_size - 1); }

    // Index of the first point with time >= timeMs (size() if none).
    std::size_t lowerBound(qint64 timeMs) const;
    // The value in force at timeMs: the last point at or before it, if any.
    bool valueAt(qint64 timeMs, double *value) const;

    struct Range {
        double min = std::numeric_limits<double>::infinity();
        double max = -std::numeric_limits<double>::infinity();
        bool isValid() const { return min <= max; }
    };
    Range valueRange(qint64 fromMs, qint64 toMs) const;

private:
    std::vector<SeriesPoint> m_points;
    std::size_t m_head = 0;
    std::size_t m_size = 0;
};

} // namespace e2i
