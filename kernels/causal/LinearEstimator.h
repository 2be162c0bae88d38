#pragma once
// Backdoor adjustment by ordinary least squares: outcome ~ intercept + treatment + common
// causes; the effect is the treatment coefficient. Standard error, t, p-value and the 95%
// interval use the classical (homoscedastic) covariance with n - p - 2 residual degrees of
// freedom, exactly as statsmodels' OLS(...).fit() reports them. Works for binary and
// continuous treatments.
#include "CausalData.h"
#include "EffectEstimate.h"

#include <functional>

namespace e2i::kernels::causal {

// Throws CausalInputError naming the columns when the design is rank deficient, and
// Cancelled (common/Cancelled.h) once `cancelled`, polled on the calling thread, says so.
EffectEstimate estimateLinear(const CausalData &data, const std::function<bool()> &cancelled = {});

} // namespace e2i::kernels::causal
