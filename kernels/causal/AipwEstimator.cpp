#include "AipwEstimator.h"

#include "OverlapDiagnostics.h"
#include "PropensityEstimator.h"

#include <Eigen/Dense>

#include <cmath>

namespace e2i::kernels::causal {
namespace {

// Coefficients of outcome ~ 1 + T + common causes.
Eigen::VectorXd outcomeRegression(const CausalData &data)
{
    const auto n = static_cast<Eigen::Index>(data.rows);
    Eigen::MatrixXd x(n, static_cast<Eigen::Index>(data.commonCauseCount()) + 2);
    x.col(0).setOnes();
    x.col(1) = Eigen::Map<const Eigen::VectorXd>(data.treatment.data(), n);
    for (std::size_t j = 0; j < data.commonCauseCount(); ++j)
        x.col(static_cast<Eigen::Index>(j) + 2) = Eigen::Map<const Eigen::VectorXd>(data.commonCause(j).data(), n);
    return x.colPivHouseholderQr().solve(Eigen::Map<const Eigen::VectorXd>(data.outcome.data(), n));
}

} // namespace

EffectEstimate estimateAipw(const CausalData &data)
{
    requireBinaryTreatment(data, "aipw");
    const std::vector<double> e = fitPropensityScores(data);
    const Eigen::VectorXd beta = outcomeRegression(data);

    std::vector<double> psi(data.rows);
    double sum = 0.0;
    for (std::size_t i = 0; i < data.rows; ++i) {
        double control = beta(0);
        for (std::size_t j = 0; j < data.commonCauseCount(); ++j)
            control += beta(static_cast<Eigen::Index>(j) + 2) * data.commonCauses[j * data.rows + i];
        const double treated = control + beta(1);
        const double t = data.treatment[i], y = data.outcome[i];
        psi[i] = treated - control + t * (y - treated) / e[i] - (1.0 - t) * (y - control) / (1.0 - e[i]);
        sum += psi[i];
    }
    const double n = static_cast<double>(data.rows);
    EffectEstimate out;
    out.estimator = EstimatorKind::Aipw;
    out.n = data.rows;
    out.effect = sum / n;
    double squares = 0.0;
    for (const double v : psi)
        squares += (v - out.effect) * (v - out.effect);
    out.stdError = std::sqrt(squares / (n - 1.0) / n);
    setNormalInference(out);
    out.warnings = overlapWarnings(diagnoseOverlap(data, e));
    return out;
}

} // namespace e2i::kernels::causal
