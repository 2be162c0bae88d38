#pragma once
// Refits of the linear estimator that reuse the structure of the full-data problem instead
// of solving a new least-squares problem per simulation.
//
// Let A = [1, Xc, t, y] hold the centred common causes Xc (n x p), treatment and outcome,
// G = A'A its Gram matrix and L the Cholesky factor of Xc'Xc. By Frisch-Waugh-Lovell the
// effect is (t~'y~) / (t~'t~), where ~ denotes the residual after regressing on [1, Xc];
// every such inner product is v'w - (sum v)(sum w)/n - (L^-1 Xc'v)'(L^-1 Xc'w).
// - A replaced treatment or outcome (placebo, dummy outcome, unobserved confounder) costs
//   one pass Xc'v plus O(n) dot products: no factorisation, no copy of the data.
// - An extra N(0,1) common cause u enters through a 2 x 2 system built the same way.
// - A subset's Gram is G minus the Gram of the excluded rows (20% of a pass); a bootstrap
//   resample's Gram is accumulated block by block from the counts (with the 0/1 common
//   causes' flips), and the continuous common causes' noise is added to it by sampling its
//   Gram exactly in distribution (GaussianNoiseGram.h). Both then solve a (p + 2) x (p + 2)
//   system.
// Eigen stays out of this header; buffers are passed in by the caller (one per thread).
#include "CausalData.h"
#include "RandomStream.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace e2i::kernels::causal {

class LinearFastRefits {
public:
    // The setup's copy of the data is made on `threads` threads (the same values for any count).
    explicit LinearFastRefits(const CausalData &data, unsigned threads = 1);
    ~LinearFastRefits();
    LinearFastRefits(const LinearFastRefits &) = delete;
    LinearFastRefits &operator=(const LinearFastRefits &) = delete;

    // Size of the per-thread buffer the Gram-based refits need.
    std::size_t blockBufferSize() const;

    double effect() const;
    // Effect with the treatment and/or outcome replaced; an empty span keeps the original.
    double effectWith(std::span<const double> treatment, std::span<const double> outcome) const;
    double effectWithExtraCommonCause(std::span<const double> u) const;
    // Placebo treatments or random common causes whose products Xc'v share one pass over the
    // common causes (each block of Xc is read from memory once for all of them).
    static constexpr std::size_t kVectorsPerPass = 8;
    // effectWith(treatments[k], {}) / effectWithExtraCommonCause(commonCauses[k]) for up to
    // kVectorsPerPass vectors, into effects[k]: the same values as one call each.
    void effectsWithTreatments(std::span<const std::span<const double>> treatments, std::span<double> effects) const;
    void effectsWithExtraCommonCauses(std::span<const std::span<const double>> commonCauses,
                                      std::span<double> effects) const;
    // The Gram-based refits check `stop` between blocks and return NaN when it is set, so
    // that a cancel does not wait for a whole simulation over millions of rows.
    double effectOnSubset(std::span<const std::uint8_t> excluded, std::span<double> blockBuffer,
                          const std::atomic<bool> *stop = nullptr) const;
    // Subsets whose excluded rows one pass over the design gathers together: each block of
    // rows is read from memory once and gathered from cache for the others.
    static constexpr std::size_t kSubsetsPerPass = 4;
    // effectOnSubset for up to kSubsetsPerPass subsets, into effects[k]; the same values as one
    // call each.
    void effectsOnSubsets(std::span<const std::span<const std::uint8_t>> excluded, std::span<double> blockBuffer,
                          const std::atomic<bool> *stop, std::span<double> effects) const;
    // Draws the bootstrap noise from `stream` (after the counts were drawn from it). Equal
    // in distribution to a refit on explicitly noised copies, not draw for draw.
    double effectOnBootstrap(std::span<const std::uint32_t> counts, RandomStream &stream,
                             std::span<double> blockBuffer, const std::atomic<bool> *stop = nullptr) const;
    // Resamples whose Grams one pass over the design accumulates together: each block of rows
    // is read from memory once and stays in cache for the others.
    static constexpr std::size_t kResamplesPerPass = 4;
    // effectOnBootstrap for up to kResamplesPerPass resamples (counts[s] drawn from streams[s]),
    // into effects[s]; the same values as one call each.
    void effectsOnBootstrap(std::span<const std::span<const std::uint32_t>> counts, std::span<RandomStream> streams,
                            std::span<double> blockBuffer, const std::atomic<bool> *stop,
                            std::span<double> effects) const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace e2i::kernels::causal
