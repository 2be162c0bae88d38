#pragma once
// One refuter simulation at a time: draws the simulated data from the simulation's own
// stream (seed, refuter, index) and returns the re-estimated effect. The linear estimator
// goes through LinearFastRefits; the weighting estimators refit on a per-thread copy.
#include "CausalData.h"
#include "EffectEstimate.h"
#include "LinearFastRefits.h"
#include "Refutation.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace e2i::kernels::causal {

// permute: shuffle the treatment (breaks its link, keeps its distribution).
// random:   draw a new treatment by type: Bernoulli(observed share) for 0/1, N(mean, sd)
//           otherwise. (DoWhy's "Random Data" placebo for a float treatment is all zeros;
//           this draws real noise.)
enum class PlaceboType { Permute, Random };

// Strengths kappa of the unobserved common cause (effect per sd of treatment and outcome)
// run over kappa_max * k / m, k = 1..m, for both, with m = round(sqrt(simulations)).
// The confounder raises the treatment; its effect on the outcome takes the sign opposite to
// the estimate's (negative for an estimate of exactly 0), so the bias it adds pulls the
// estimate towards zero, as DoWhy intends: Y and -Y give mirrored effects.
constexpr double kMaxUnobservedStrength = 0.5;

struct SimulatorSettings {
    EstimatorKind estimator = EstimatorKind::Linear;
    std::uint64_t seed = 42;
    std::size_t simulations = 100;
    PlaceboType placeboType = PlaceboType::Permute;
    double originalEffect = 0.0; // the estimate refuted; its sign orients the unobserved confounder
    bool fastLinearPath = true; // false refits the linear model from scratch (for testing)
    unsigned threads = 1;       // for the fast path's setup
};

class RefuterSimulator {
public:
    // Per-thread scratch, allocated once and reused for every simulation.
    struct Workspace {
        std::vector<std::uint32_t> indices;
        std::vector<std::vector<std::uint32_t>> batchCounts; // one per resample of a batch
        std::vector<std::vector<double>> batchColumns;       // one per placebo / random common cause of a batch
        std::vector<std::uint8_t> mask;
        std::vector<std::vector<std::uint8_t>> batchMasks; // one per subset of a batch
        std::vector<double> first;
        std::vector<double> second;
        std::vector<double> block;
        CausalData copy;
    };

    RefuterSimulator(const CausalData &data, const SimulatorSettings &settings);

    std::size_t simulationCount(RefuterKind kind) const;
    std::vector<double> strengthGrid() const;
    // NaN when the refit is undefined for the drawn data (e.g. a constant resampled treatment)
    // or when `stop` was set while it ran.
    double simulate(RefuterKind kind, std::size_t index, Workspace &workspace,
                    const std::atomic<bool> *stop = nullptr) const;
    // Simulations of `kind` worth running together (simulateBatch): more than 1 where they
    // share a pass over the data.
    std::size_t batchSize(RefuterKind kind) const;
    // simulate() for simulations first .. first + effects.size() - 1, the same values.
    void simulateBatch(RefuterKind kind, std::size_t first, std::span<double> effects, Workspace &workspace,
                       const std::atomic<bool> *stop = nullptr) const;
    Workspace makeWorkspace() const;

private:
    double placebo(RandomStream &stream, Workspace &ws) const;
    void drawPlacebo(RandomStream &stream, Workspace &ws, std::vector<double> &treatment) const;
    // simulateBatch for the refuters whose simulations share a pass over the data.
    void bootstrapBatch(std::size_t first, std::span<double> effects, Workspace &ws, const std::atomic<bool> *stop) const;
    void subsetBatch(std::size_t first, std::span<double> effects, Workspace &ws, const std::atomic<bool> *stop) const;
    void vectorBatch(RefuterKind kind, std::size_t first, std::span<double> effects, Workspace &ws,
                     const std::atomic<bool> *stop) const;
    double dummyOutcome(RandomStream &stream, Workspace &ws) const;
    double randomCommonCause(RandomStream &stream, Workspace &ws) const;
    double subset(RandomStream &stream, Workspace &ws, const std::atomic<bool> *stop) const;
    double bootstrap(RandomStream &stream, Workspace &ws, const std::atomic<bool> *stop) const;
    // Bootstrap noise on the categorical common causes of one resampled copy (row `row` of the
    // copy, drawn from data row `source`), given that copy's normals (one per common cause).
    void perturbCategoricalCopy(const double *rowNormals, std::size_t source, std::size_t row,
                                std::vector<double> &commonCauses) const;
    double unobserved(RandomStream &stream, std::size_t index, Workspace &ws) const;
    double refit(Workspace &ws) const;
    void copyOriginal(Workspace &ws) const;

    const CausalData &m_data;
    SimulatorSettings m_settings;
    std::unique_ptr<LinearFastRefits> m_fast;
    std::size_t m_gridSide;
    double m_treatmentMean, m_treatmentStdDev;
    double m_outcomeConfounding; // the unobserved confounder's effect on the outcome at kappa = 1
    bool m_binaryTreatment;
    // For the bootstrap refit on explicit copies only (empty on the fast linear path).
    std::vector<double> m_commonCauseStdDevs;
    std::vector<bool> m_binaryCommonCause;
    std::vector<bool> m_inCategoricalGroup; // an indicator of a categorical common cause
};

} // namespace e2i::kernels::causal
