#include "HistogramBins.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace e2i::analysis {

namespace {

constexpr std::size_t kMinBins = 5;
constexpr std::size_t kMaxBins = 40;
// Width given to a sample whose values are all equal, relative to their magnitude.
constexpr double kDegenerateRelativeWidth = 1e-3;

} // namespace

std::size_t HistogramBins::total() const
{
    return std::accumulate(counts.begin(), counts.end(), std::size_t{0});
}

std::size_t suggestedBinCount(std::size_t sampleSize)
{
    const auto rule = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(sampleSize))));
    return std::clamp(rule, kMinBins, kMaxBins);
}

HistogramBins histogramOf(std::span<const double> values, std::size_t binCount)
{
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (const double value : values) {
        if (std::isfinite(value)) {
            low = std::min(low, value);
            high = std::max(high, value);
        }
    }
    HistogramBins bins;
    bins.counts.assign(std::max<std::size_t>(binCount, 1), 0);
    if (low > high)
        return bins;
    const double span = high - low;
    const double degenerate = std::max(std::abs(low) * kDegenerateRelativeWidth, kDegenerateRelativeWidth);
    bins.lower = span > 0.0 ? low : low - degenerate / 2.0;
    bins.width = (span > 0.0 ? span : degenerate) / static_cast<double>(bins.counts.size());
    for (const double value : values) {
        if (!std::isfinite(value))
            continue;
        const auto index = static_cast<std::size_t>((value - bins.lower) / bins.width);
        ++bins.counts[std::min(index, bins.counts.size() - 1)];
    }
    return bins;
}

} // namespace e2i::analysis
