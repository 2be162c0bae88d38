#pragma once
// Equal-width histogram of a sample, NaN values left out (a failed refit is not an effect).
#include <cstddef>
#include <span>
#include <vector>

namespace e2i::analysis {

struct HistogramBins {
    double lower = 0.0;
    double width = 1.0;
    std::vector<std::size_t> counts;

    double edge(std::size_t i) const { return lower + width * static_cast<double>(i); }
    std::size_t total() const;
};

// The square-root rule, clamped so small samples still show a shape and large ones stay legible.
std::size_t suggestedBinCount(std::size_t sampleSize);

HistogramBins histogramOf(std::span<const double> values, std::size_t binCount);

} // namespace e2i::analysis
