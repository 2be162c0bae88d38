#pragma once
// How well the treated and control groups overlap in their propensity scores, for the
// weighting estimators (ipw, aipw). Poor overlap does not stop an estimate but makes it rest
// on a few heavily weighted rows, and the influence-function p-value then looks far more
// certain than it is; these figures turn that into warnings.
//
// Effective rows are Kish's (sum w)^2 / sum w^2 of the ATE weights within each group:
// 1/e for treated rows, 1/(1-e) for control rows, e the clipped score.
#include "CausalData.h"

#include <cstddef>
#include <string>
#include <vector>

namespace e2i::kernels::causal {

// More than this share of rows with a score at a clipping bound (0.05 or 0.95) is poor overlap.
constexpr double kClippedShareWarning = 0.10;
// Fewer effective rows than this in either group is a tiny effective sample.
constexpr double kMinEffectiveRowsWarning = 30.0;

struct OverlapDiagnostics {
    std::size_t rows = 0;
    std::size_t clippedRows = 0; // scores at kPropensityClipLow or kPropensityClipHigh
    std::size_t treatedRows = 0;
    std::size_t controlRows = 0;
    double treatedEffectiveRows = 0.0;
    double controlEffectiveRows = 0.0;
};

// `scores` are the clipped propensity scores of fitPropensityScores, one per row.
OverlapDiagnostics diagnoseOverlap(const CausalData &data, const std::vector<double> &scores);

// One sentence per rule broken (kClippedShareWarning, kMinEffectiveRowsWarning); empty when
// the overlap is fine.
std::vector<std::string> overlapWarnings(const OverlapDiagnostics &diagnostics);

} // namespace e2i::kernels::causal
