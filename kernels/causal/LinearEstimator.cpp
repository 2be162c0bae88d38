#include "LinearEstimator.h"

#include "Distributions.h"

#include <Eigen/Dense>

#include <cmath>

namespace e2i::kernels::causal {
namespace {

constexpr double kConfidenceLevel = 0.95;
// Relative pivot size below which a column counts as a linear combination of the others.
constexpr double kRankTolerance = 1e-10;

Eigen::MatrixXd designMatrix(const CausalData &data)
{
    const auto n = static_cast<Eigen::Index>(data.rows);
    Eigen::MatrixXd x(n, static_cast<Eigen::Index>(data.commonCauseCount()) + 2);
    x.col(0).setOnes();
    x.col(1) = Eigen::Map<const Eigen::VectorXd>(data.treatment.data(), n);
    for (std::size_t j = 0; j < data.commonCauseCount(); ++j)
        x.col(static_cast<Eigen::Index>(j) + 2) = Eigen::Map<const Eigen::VectorXd>(data.commonCause(j).data(), n);
    return x;
}

std::string designColumnName(const CausalData &data, Eigen::Index column)
{
    if (column == 0)
        return "(intercept)";
    if (column == 1)
        return data.spec.treatment;
    return data.spec.commonCauses[static_cast<std::size_t>(column - 2)];
}

// Householder QR without pivoting is blocked (fast at a million rows); a column that is a
// linear combination of the columns before it shows up as a negligible diagonal of R
// relative to the column's own norm.
void requireFullRank(const CausalData &data, const Eigen::MatrixXd &x, const Eigen::HouseholderQR<Eigen::MatrixXd> &qr)
{
    std::string names;
    for (Eigen::Index k = 0; k < x.cols(); ++k)
        if (std::abs(qr.matrixQR()(k, k)) <= kRankTolerance * x.col(k).norm())
            names += (names.empty() ? "'" : ", '") + designColumnName(data, k) + "'";
    if (!names.empty())
        throw CausalInputError("linear estimator: perfectly collinear columns: " + names +
                               " is a linear combination of the intercept, treatment and the common causes before it");
}

} // namespace

EffectEstimate estimateLinear(const CausalData &data)
{
    const Eigen::MatrixXd x = designMatrix(data);
    const Eigen::Map<const Eigen::VectorXd> y(data.outcome.data(), x.rows());
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(x);
    requireFullRank(data, x, qr);

    const Eigen::VectorXd beta = qr.solve(y);
    const double dof = static_cast<double>(x.rows() - x.cols());
    const double sigma2 = (y - x * beta).squaredNorm() / dof;
    // (X'X)^-1 = R^-1 R^-T; only the treatment's diagonal entry is needed.
    const auto p = x.cols();
    const Eigen::MatrixXd r = qr.matrixQR().topLeftCorner(p, p).triangularView<Eigen::Upper>();
    const Eigen::MatrixXd rInverse = r.triangularView<Eigen::Upper>().solve(Eigen::MatrixXd::Identity(p, p));
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
