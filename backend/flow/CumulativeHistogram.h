#pragma once
// Durations since the start of the process in fixed buckets, with their exact
// sum: what a Prometheus histogram exposes (`_bucket{le}`, `_sum`, `_count`).
// LatencyHistogram's 576 log-linear bins serve quantiles over windows; they
// are too many for a scrape and their edges are not the round numbers
// dashboards use, so the totals keep these few instead (160 bytes a series).
#include <QtGlobal>

#include <array>

namespace e2i {

class CumulativeHistogram
{
public:
    // Upper bounds in seconds: a Celery task runs for milliseconds to an hour.
    static constexpr std::array<double, 17> kBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,    2.5,
                                                       5,     10,   30,    60,   120, 300,  900, 3600};

    void record(double seconds);
    // Observations <= kBounds[i] (cumulative, as `le` means).
    quint64 cumulativeCount(std::size_t boundIndex) const;
    quint64 count() const { return m_count; }
    double sum() const { return m_sum; }

private:
    std::array<quint64, kBounds.size()> m_buckets{}; // per bucket, not cumulative; above the last bound: m_count only
    quint64 m_count = 0;
    double m_sum = 0.0;
};

} // namespace e2i
