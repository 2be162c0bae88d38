#include "CumulativeHistogram.h"

#include <algorithm>

namespace e2i {

void CumulativeHistogram::record(double seconds)
{
    seconds = qMax(0.0, seconds); // clock skew between hosts can make a wait negative
    const auto bound = std::lower_bound(kBounds.begin(), kBounds.end(), seconds); // first bound >= value
    if (bound != kBounds.end())
        ++m_buckets[std::size_t(bound - kBounds.begin())];
    ++m_count;
    m_sum += seconds;
}

quint64 CumulativeHistogram::cumulativeCount(std::size_t boundIndex) const
{
    quint64 total = 0;
    for (std::size_t i = 0; i <= boundIndex && i < m_buckets.size(); ++i)
        total += m_buckets[i];
    return total;
}

} // namespace e2i
