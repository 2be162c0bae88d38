#pragma once
// Augmented inverse propensity weighting (doubly robust; Robins, Rotnitzky & Zhao 1994).
// Outcome model: the linear regression of LinearEstimator (outcome ~ 1 + T + common causes),
// predicted at T = 1 and T = 0. Propensity model: PropensityEstimator's clipped logistic
// scores. Consistent when either model is right. The standard error is the empirical
// standard deviation of the efficient influence function over sqrt(n). Binary treatment only.
#include "CausalData.h"
#include "EffectEstimate.h"

namespace e2i::kernels::causal {

EffectEstimate estimateAipw(const CausalData &data);

} // namespace e2i::kernels::causal
