#include "EffectEstimate.h"

#include "AipwEstimator.h"
#include "Distributions.h"
#include "LinearEstimator.h"
#include "PropensityEstimator.h"

#include <cmath>

namespace e2i::kernels::causal {

std::string estimatorName(EstimatorKind kind)
{
    switch (kind) {
    case EstimatorKind::Linear: return "linear";
    case EstimatorKind::Ipw: return "ipw";
    case EstimatorKind::Aipw: return "aipw";
    }
    return "linear";
}

void setNormalInference(EffectEstimate &estimate)
{
    estimate.tStatistic = estimate.effect / estimate.stdError;
    estimate.pValue = 2.0 * normalCdf(-std::abs(estimate.tStatistic));
    estimate.ciLow = estimate.effect - kNormalCritical95 * estimate.stdError;
    estimate.ciHigh = estimate.effect + kNormalCritical95 * estimate.stdError;
}

std::optional<EstimatorKind> parseEstimatorKind(std::string_view name)
{
    for (const auto kind : {EstimatorKind::Linear, EstimatorKind::Ipw, EstimatorKind::Aipw})
        if (estimatorName(kind) == name)
            return kind;
    return std::nullopt;
}

EffectEstimate estimateEffect(const CausalData &data, EstimatorKind kind, const std::function<bool()> &cancelled)
{
    switch (kind) {
    case EstimatorKind::Ipw: return estimatePropensityWeighting(data).ate;
    case EstimatorKind::Aipw: return estimateAipw(data);
    case EstimatorKind::Linear: break;
    }
    return estimateLinear(data, cancelled);
}

} // namespace e2i::kernels::causal
