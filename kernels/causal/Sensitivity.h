#pragma once
// Omitted-variable-bias sensitivity of the linear estimator: Cinelli & Hazlett (2020),
// "Making sense of sensitivity: extending omitted variable bias", JRSS-B 82(1), 39-67.
//   t        treatment coefficient's t statistic, dof its residual degrees of freedom
//   partial R2 of the treatment with the outcome:  t^2 / (t^2 + dof)
//   f_q      = q |t| / sqrt(dof)            (Cohen's f scaled by the fraction q to explain away)
//   f_crit   = |t_{alpha/2, dof-1}| / sqrt(dof - 1)
//   RV_q     = (sqrt(f_q^4 + 4 f_q^2) - f_q^2) / 2          (alpha = 1: no significance term)
//   RV_{q,a} = the same with f_q - f_crit, 0 when that is negative, and
//              (f_q^2 - f_crit^2) / (1 + f_q^2) when f_q > 1 / f_crit (sensemakr's edge case);
//              NaN (undefined, as sensemakr) when dof <= 1 leaves no t quantile for f_crit
// A confounder with partial R2 r2dz with the treatment and r2yz with the outcome biases the
// estimate by se * sqrt(dof) * sqrt(r2yz r2dz / (1 - r2dz)).
#include "EffectEstimate.h"

#include <vector>

namespace e2i::kernels::causal {

struct SensitivityFigures {
    double estimate = 0.0;
    double stdError = 0.0;
    double tStatistic = 0.0;
    double dof = 0.0;
    double q = 1.0;
    double alpha = 0.05;
    double partialR2 = 0.0;
    double robustnessValue = 0.0;      // RV_q
    double robustnessValueAlpha = 0.0; // RV_{q,alpha}
};

double partialR2(double tStatistic, double dof);
// alpha >= 1 gives RV_q (no significance requirement).
double robustnessValue(double tStatistic, double dof, double q, double alpha);

SensitivityFigures linearSensitivity(const EffectEstimate &linearEstimate, double q = 1.0, double alpha = 0.05);

// Estimate after removing the bias of a confounder with the given partial R2 values
// (towards zero, as sensemakr's adjusted_estimate with reduce = TRUE). r2dz < 1.
double adjustedEstimate(const SensitivityFigures &figures, double r2dz, double r2yz);

// The adjusted estimate over a square grid of strengths for a contour plot:
// values[i * strengths.size() + j] is at r2dz = strengths[i], r2yz = strengths[j].
struct AdjustedEstimateGrid {
    std::vector<double> strengths;
    std::vector<double> values;
};
AdjustedEstimateGrid adjustedEstimateGrid(const SensitivityFigures &figures, double maxStrength, std::size_t steps);

} // namespace e2i::kernels::causal
