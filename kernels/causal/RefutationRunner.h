#pragma once
// The C++ API the console's Refute tab and the CLI call: estimate, refute on worker
// threads, and the linear estimator's sensitivity figures, as value structs.
//
// Threads pull tasks from the kernels' parallel runner (common/ParallelRunner.h): one
// simulation each, or a few linear bootstrap resamples that share a pass over the data
// (progress counts tasks); each simulation has its own random stream and its own result
// slot, so the report does not depend on `threads`. `progress` and `cancelled` follow the
// runner's contract: both run on the caller's thread, about every 10 ms. After cancellation no new
// simulation starts; the linear fast path's subset and bootstrap refits also stop between
// blocks of 1024 rows, and the linear estimate itself between blocks of 4096 rows. A
// weighting-estimator fit (ipw, aipw) and the fast path's one-off setup run to their end,
// which at a million rows can take longer than 100 ms.
#include "CausalData.h"
#include "EffectEstimate.h"
#include "Refutation.h"
#include "RefuterSimulator.h"
#include "Sensitivity.h"
#include "common/Cancelled.h"
#include "common/ParallelRunner.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace e2i::kernels::causal {

// Bounds on a request. Each simulation keeps one result per refuter (8 bytes) and one task
// entry, so 100,000 simulations stay a few megabytes; more threads than 1024 only add stacks
// (the results do not depend on the thread count).
constexpr std::size_t kMinRefutationSimulations = 2;
constexpr std::size_t kMaxRefutationSimulations = 100'000;
constexpr unsigned kMaxRefutationThreads = 1024;

struct RefutationRequest {
    EstimatorKind estimator = EstimatorKind::Linear;
    std::vector<RefuterKind> refuters = allRefuterKinds();
    std::size_t simulations = 100;
    std::uint64_t seed = 42;
    unsigned threads = 1;
    PlaceboType placeboType = PlaceboType::Permute;
};

struct RefutationReport {
    EffectEstimate estimate;
    std::optional<double> att; // weighting estimators only
    std::optional<double> atc;
    std::vector<Refutation> refutations;
    std::optional<SensitivityFigures> sensitivity; // linear estimator only
};

// Throws CausalInputError for invalid data, an estimator that does not fit the data, an
// estimate or refuter result that is not finite (overflow: the message names the figure and
// suggests rescaling; a refuter whose refits are all undefined counts too), or
// simulations outside [kMinRefutationSimulations, kMaxRefutationSimulations]. More threads
// than kMaxRefutationThreads are capped.
// Throws Cancelled (common/Cancelled.h) when cancelled.
RefutationReport runRefutation(const CausalData &data, const RefutationRequest &request,
                               const ProgressCallback &progress = {}, const CancelPredicate &cancelled = {});

} // namespace e2i::kernels::causal
