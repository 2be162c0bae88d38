#include "RefuterDraws.h"

#include "common/HugePages.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace e2i::kernels::causal {
namespace {

// Draws made this many steps ahead of their use: the random accesses into multi-megabyte
// arrays that they address are prefetched meanwhile and overlap instead of waiting for memory
// one after the other. The draws themselves come in the same order as without it.
constexpr std::size_t kDrawsAhead = 32;

} // namespace

void drawPermutation(RandomStream &stream, std::size_t n, std::vector<std::uint32_t> &out)
{
    sizeScratchOnHugePages(out, n);
    std::iota(out.begin(), out.end(), 0U);
    // Step s swaps position n - 1 - s with a uniform one of 0 .. n - 1 - s (Fisher-Yates).
    const std::size_t steps = n > 1 ? n - 1 : 0;
    std::array<std::size_t, kDrawsAhead> drawn{};
    const auto draw = [&](std::size_t step) {
        const auto target = static_cast<std::size_t>(stream.below(n - step));
        __builtin_prefetch(out.data() + target, 1);
        drawn[step % kDrawsAhead] = target;
    };
    for (std::size_t step = 0; step < std::min(steps, kDrawsAhead); ++step)
        draw(step);
    for (std::size_t step = 0; step < steps; ++step) {
        const std::size_t target = drawn[step % kDrawsAhead];
        if (step + kDrawsAhead < steps)
            draw(step + kDrawsAhead);
        std::swap(out[n - 1 - step], out[target]);
    }
}

void drawSubsetExclusion(RandomStream &stream, std::size_t n, std::vector<std::uint8_t> &excluded)
{
    sizeScratchOnHugePages(excluded, n);
    std::fill(excluded.begin(), excluded.end(), 0);
    const auto kept = static_cast<std::size_t>(std::llround(kSubsetFraction * static_cast<double>(n)));
    const std::size_t toExclude = n - kept;
    // Without a branch (a row is excluded with probability about 0.2, which a branch predictor
    // cannot learn), and with only integer steps in the chain from one row's decision to the
    // next: for an integer t and x >= 0, x < t exactly when floor(x) < t, and floor(x) does not
    // depend on earlier rows.
    auto left = static_cast<std::int64_t>(toExclude);
    for (std::size_t i = 0; i < n && left > 0; ++i) {
        const double scaled = static_cast<double>(static_cast<std::int64_t>(n - i)) * stream.uniform();
        const bool exclude = static_cast<std::int64_t>(scaled) < left;
        excluded[i] = exclude;
        left -= exclude;
    }
}

void drawBootstrapCounts(RandomStream &stream, std::size_t n, std::vector<std::uint32_t> &counts)
{
    sizeScratchOnHugePages(counts, n);
    std::fill(counts.begin(), counts.end(), 0U);
    // Counts do not depend on the order of the increments: each drawn row is counted
    // kDrawsAhead draws later, once its prefetched counter has arrived.
    std::array<std::size_t, kDrawsAhead> pending{};
    for (std::size_t k = 0; k < n; ++k) {
        const auto row = static_cast<std::size_t>(stream.below(n));
        __builtin_prefetch(counts.data() + row, 1);
        std::size_t &slot = pending[k % kDrawsAhead];
        if (k >= kDrawsAhead)
            ++counts[slot];
        slot = row;
    }
    for (std::size_t k = 0; k < std::min(n, kDrawsAhead); ++k)
        ++counts[pending[k]];
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
