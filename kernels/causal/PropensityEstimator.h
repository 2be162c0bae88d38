#pragma once
// Inverse propensity weighting for a binary treatment.
// Propensity: logistic regression of the treatment on an intercept and the common causes,
// fitted by unpenalised maximum likelihood (Newton / IRLS). DoWhy's default uses
// scikit-learn's LogisticRegression, which is L2-penalised (C = 1): on small samples or with
// strongly predictive covariates its scores, and so its effects, differ from these.
// Scores are clipped to [0.05, 0.95]; weights are self-normalised (Hajek) within each arm.
// The standard error of the ATE is the influence-function one with the propensity model
// treated as known (conservative for the ATE; Lunceford & Davidian 2004).
#include "CausalData.h"
#include "EffectEstimate.h"

#include <cstddef>
#include <vector>

namespace e2i::kernels::causal {

constexpr double kPropensityClipLow = 0.05;
constexpr double kPropensityClipHigh = 0.95;
// The weighting estimators refuse a treatment group smaller than this: one arm's weighted mean
// would rest on a handful of rows, and the influence-function standard error of so few rows
// gives p-values near 0 that mean nothing (1 treated row of 2,000 gave p = 0).
constexpr std::size_t kMinRowsPerTreatmentGroup = 10;

struct PropensityEffects {
    EffectEstimate ate;
    double att = 0.0; // effect on the treated
    double atc = 0.0; // effect on the controls
};

// Clipped propensity scores P(T = 1 | common causes). Throws CausalInputError when the
// treatment is not binary, a treatment group has fewer than kMinRowsPerTreatmentGroup rows,
// or the likelihood has no finite maximum (perfect separation).
std::vector<double> fitPropensityScores(const CausalData &data);

// The ATE carries overlap warnings (OverlapDiagnostics.h) in ate.warnings.
PropensityEffects estimatePropensityWeighting(const CausalData &data);

// Throws CausalInputError naming the estimator when the treatment is not 0/1.
void requireBinaryTreatment(const CausalData &data, const std::string &estimator);

// Throws CausalInputError when the treated or the control group of a 0/1 treatment has
// fewer than kMinRowsPerTreatmentGroup rows.
void requireTreatmentGroups(const CausalData &data);

} // namespace e2i::kernels::causal
