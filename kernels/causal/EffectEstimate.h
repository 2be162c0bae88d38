#pragma once
// One average-treatment-effect estimate with its uncertainty.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace e2i::kernels::causal {

enum class EstimatorKind { Linear, Ipw, Aipw };

std::string estimatorName(EstimatorKind kind); // "linear", "ipw", "aipw"

struct EffectEstimate {
    EstimatorKind estimator = EstimatorKind::Linear;
    double effect = 0.0;
    double stdError = 0.0;
    double ciLow = 0.0;   // 95% confidence interval
    double ciHigh = 0.0;
    double pValue = 1.0;  // two-sided, H0: effect == 0
    double tStatistic = 0.0;
    double residualDof = 0.0; // linear estimator only: n - parameters
    std::size_t n = 0;
    // Reasons to distrust an estimate that could still be computed (weighting estimators:
    // poor propensity overlap, see OverlapDiagnostics.h); one sentence each.
    std::vector<std::string> warnings;
};

} // namespace e2i::kernels::causal

namespace e2i::kernels::causal {

struct CausalData;

// The weighting estimators' large-sample inference from `effect` and `stdError`: the z
// statistic, its two-sided normal p-value and the 95% normal confidence interval.
void setNormalInference(EffectEstimate &estimate);

// "linear", "ipw" or "aipw"; nullopt otherwise.
std::optional<EstimatorKind> parseEstimatorKind(std::string_view name);

// Runs the chosen estimator (its ATE for the weighting estimators). The linear estimator
// polls `cancelled` between blocks of rows (see estimateLinear); the weighting ones run to
// their end.
EffectEstimate estimateEffect(const CausalData &data, EstimatorKind kind, const std::function<bool()> &cancelled = {});

} // namespace e2i::kernels::causal
