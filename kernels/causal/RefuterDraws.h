#pragma once
// The random draws of each refuter, shared by the fast linear path and the generic refit
// path so that both see exactly the same simulated data for a given stream.
#include "RandomStream.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace e2i::kernels::causal {

// DoWhy's bootstrap refuter defaults: Gaussian noise of 0.1 x the column's standard
// deviation on continuous common causes; 0/1 common causes flip with probability 0.1.
constexpr double kBootstrapNoiseScale = 0.1;
constexpr double kBootstrapFlipProbability = 0.1;
// A standard normal draw below this value has probability 0.1: one normal per cell serves
// both the continuous noise and the binary flips.
constexpr double kBootstrapFlipThreshold = -1.2815515655446004;
constexpr double kSubsetFraction = 0.8;

// Fisher-Yates permutation of 0..n-1 into `out` (resized to n).
void drawPermutation(RandomStream &stream, std::size_t n, std::vector<std::uint32_t> &out);

// Marks exactly n - round(0.8 n) rows as excluded (Knuth's selection sampling, Algorithm S).
void drawSubsetExclusion(RandomStream &stream, std::size_t n, std::vector<std::uint8_t> &excluded);

// How many times each row is drawn when resampling n rows with replacement.
void drawBootstrapCounts(RandomStream &stream, std::size_t n, std::vector<std::uint32_t> &counts);

// After the counts: noise for the resampled copies in row order, one normal per common cause
// per copy (copy-major). Normals are drawn one at a time, so callers may take them in chunks
// of any size and still see the same sequence.
inline void drawBootstrapNoise(RandomStream &stream, std::span<double> normals) { stream.fillNormal(normals); }

// Applies one bootstrap noise draw to a common-cause value.
inline double perturbCommonCause(double value, double normal, bool binaryColumn, double columnStdDev)
{
    if (binaryColumn)
        return normal < kBootstrapFlipThreshold ? 1.0 - value : value;
    return value + kBootstrapNoiseScale * columnStdDev * normal;
}

// Bootstrap noise on a categorical common cause: with probability 0.1 (a normal below the
// flip threshold, or a uniform below 0.1, as for a 0/1 column) a row moves to one of the other
// `levels - 1` levels, drawn uniformly by `uniform` in [0, 1). Flipping the indicator columns
// one by one would leave rows with two levels set; this keeps exactly one level per row, and
// with two levels it is the 0/1 flip.
inline std::size_t otherLevel(std::size_t level, std::size_t levels, double uniform)
{
    const auto pick = static_cast<std::size_t>(uniform * static_cast<double>(levels - 1));
    const std::size_t other = pick < levels - 2 ? pick : levels - 2;
    return other >= level ? other + 1 : other;
}

// Unobserved common cause u ~ N(0, 1) acting on the treatment with strength kappaT:
// continuous treatment t + kappaT sd(t) u; binary treatment set to [u > 0] with
// probability kappaT (one uniform per row, drawn after u).
void confoundTreatment(RandomStream &stream, std::span<const double> u, double kappaT, bool binary,
                       double treatmentStdDev, std::span<double> treatment);

double standardDeviation(std::span<const double> values);

} // namespace e2i::kernels::causal
