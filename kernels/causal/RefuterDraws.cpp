#include "RefuterDraws.h"

#include <cmath>
#include <numeric>

namespace e2i::kernels::causal {

void drawPermutation(RandomStream &stream, std::size_t n, std::vector<std::uint32_t> &out)
{
    out.resize(n);
    std::iota(out.begin(), out.end(), 0U);
    for (std::size_t i = n; i > 1; --i)
        std::swap(out[i - 1], out[stream.below(i)]);
}

void drawSubsetExclusion(RandomStream &stream, std::size_t n, std::vector<std::uint8_t> &excluded)
{
    excluded.assign(n, 0);
    const auto kept = static_cast<std::size_t>(std::llround(kSubsetFraction * static_cast<double>(n)));
    std::size_t toExclude = n - kept;
    for (std::size_t i = 0; i < n && toExclude > 0; ++i) {
        if (static_cast<double>(n - i) * stream.uniform() < static_cast<double>(toExclude)) {
            excluded[i] = 1;
            --toExclude;
        }
    }
}

void drawBootstrapCounts(RandomStream &stream, std::size_t n, std::vector<std::uint32_t> &counts)
{
    counts.assign(n, 0);
    for (std::size_t k = 0; k < n; ++k)
        ++counts[stream.below(n)];
}

void confoundTreatment(RandomStream &stream, std::span<const double> u, double kappaT, bool binary,
                       double treatmentStdDev, std::span<double> treatment)
{
    for (std::size_t i = 0; i < treatment.size(); ++i) {
        if (!binary)
            treatment[i] += kappaT * treatmentStdDev * u[i];
        else if (stream.uniform() < kappaT)
            treatment[i] = u[i] > 0.0 ? 1.0 : 0.0;
    }
}

double standardDeviation(std::span<const double> values)
{
    const double n = static_cast<double>(values.size());
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
    double squares = 0.0;
    for (const double v : values)
        squares += (v - mean) * (v - mean);
    return std::sqrt(squares / (n - 1.0));
}

} // namespace e2i::kernels::causal
