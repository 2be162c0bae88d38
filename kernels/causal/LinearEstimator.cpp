#include "LinearEstimator.h"

#include "Distributions.h"
#include "TallSkinnyQr.h"

#include <Eigen/Dense>

#include <cmath>

namespace e2i::kernels::causal {
namespace {

constexpr double kConfidenceLevel = 0.95;
// Relative pivot size below which a column counts as a linear combination of the others.
constexpr double kRankTolerance = 1e-10;

std::string designColumnName(const CausalData &data, Eigen::Index column)
{
    if (column == 0)
        return "(intercept)";
    if (column == 1)
        return data.spec.treatment;
    return data.spec.commonCauses[static_cast<std::size_t>(column - 2)];
}

// A column that is a linear combination of the columns before it shows up as a negligible
// diagonal of R relative to the column's own norm (R's column k has the norm of the
// design's column k).
void requireFullRank(const CausalData &data, const Eigen::MatrixXd &r, Eigen::Index columns)
{
    std::string names;
    for (Eigen::Index k = 0; k < columns; ++k)
        if (std::abs(r(k, k)) <= kRankTolerance * r.col(k).head(k + 1).norm())
            names += (names.empty() ? "'" : ", '") + designColumnName(data, k) + "'";
    if (!names.empty())
        throw CausalInputError("linear estimator: perfectly collinear columns: " + names +
                               " is a linear combination of the intercept, treatment and the common causes before it");
}

} // namespace

EffectEstimate estimateLinear(const CausalData &data, const std::function<bool()> &cancelled)
{
    // R of [1, t, X, y]: its top-left block is the design's R, its last column holds Q'y
    // and its corner the residual norm, so beta and the residual need no second pass.
    const Eigen::MatrixXd r = augmentedDesignR(data, cancelled);
    const Eigen::Index p = r.cols() - 1;
    requireFullRank(data, r, p);
    const auto rxx = r.topLeftCorner(p, p).triangularView<Eigen::Upper>();
    const Eigen::VectorXd beta = rxx.solve(r.col(p).head(p));
    const double dof = static_cast<double>(data.rows) - static_cast<double>(p);
    const double sigma2 = r(p, p) * r(p, p) / dof;
    // (X'X)^-1 = R^-1 R^-T; only the treatment's diagonal entry is needed.
    const Eigen::MatrixXd rInverse = rxx.solve(Eigen::MatrixXd::Identity(p, p));
    constexpr Eigen::Index treatmentPosition = 1;

    EffectEstimate e;
    e.estimator = EstimatorKind::Linear;
    e.n = data.rows;
    e.effect = beta(1);
    e.stdError = std::sqrt(sigma2 * rInverse.row(treatmentPosition).squaredNorm());
    e.tStatistic = e.effect / e.stdError;
    e.residualDof = dof;
    e.pValue = studentTTwoSidedP(e.tStatistic, dof);
    const double critical = studentTQuantile(0.5 + kConfidenceLevel / 2.0, dof);
    e.ciLow = e.effect - critical * e.stdError;
    e.ciHigh = e.effect + critical * e.stdError;
    return e;
}

} // namespace e2i::kernels::causal
