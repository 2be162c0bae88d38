#include "Sensitivity.h"

#include "Distributions.h"

#include <cmath>

namespace e2i::kernels::causal {

double partialR2(double tStatistic, double dof) { return tStatistic * tStatistic / (tStatistic * tStatistic + dof); }

double robustnessValue(double tStatistic, double dof, double q, double alpha)
{
    // f_crit needs a t quantile with dof - 1 degrees of freedom: none at dof = 1, where
    // sensemakr's qt(alpha / 2, df = 0) is NaN and so is its RV_{q,alpha}. Not 0, which would
    // read as "no confounding at all could be tolerated".
    if (alpha < 1.0 && !(dof > 1.0))
        return std::nan("");
    const double fq = q * std::abs(tStatistic) / std::sqrt(dof);
    const double fCrit = alpha >= 1.0 ? 0.0 : std::abs(studentTQuantile(alpha / 2.0, dof - 1.0)) / std::sqrt(dof - 1.0);
    const double fqa = fq - fCrit;
    if (fqa < 0.0)
        return 0.0;
    if (fCrit > 0.0 && fq > 1.0 / fCrit)
        return (fq * fq - fCrit * fCrit) / (1.0 + fq * fq);
    return 0.5 * (std::sqrt(fqa * fqa * fqa * fqa + 4.0 * fqa * fqa) - fqa * fqa);
}

SensitivityFigures linearSensitivity(const EffectEstimate &e, double q, double alpha)
{
    SensitivityFigures f;
    f.estimate = e.effect;
    f.stdError = e.stdError;
    f.tStatistic = e.tStatistic;
    f.dof = e.residualDof;
    f.q = q;
    f.alpha = alpha;
    f.partialR2 = partialR2(e.tStatistic, e.residualDof);
    f.robustnessValue = robustnessValue(e.tStatistic, e.residualDof, q, 1.0);
    f.robustnessValueAlpha = robustnessValue(e.tStatistic, e.residualDof, q, alpha);
    return f;
}

double adjustedEstimate(const SensitivityFigures &f, double r2dz, double r2yz)
{
    const double bias = f.stdError * std::sqrt(f.dof) * std::sqrt(r2yz * r2dz / (1.0 - r2dz));
    return f.estimate >= 0.0 ? f.estimate - bias : f.estimate + bias;
}

AdjustedEstimateGrid adjustedEstimateGrid(const SensitivityFigures &f, double maxStrength, std::size_t steps)
{
    AdjustedEstimateGrid grid;
    for (std::size_t i = 0; i < steps; ++i)
        grid.strengths.push_back(maxStrength * static_cast<double>(i) / static_cast<double>(steps - 1));
    for (const double r2dz : grid.strengths)
        for (const double r2yz : grid.strengths)
            grid.values.push_back(adjustedEstimate(f, r2dz, r2yz));
    return grid;
}

} // namespace e2i::kernels::causal
