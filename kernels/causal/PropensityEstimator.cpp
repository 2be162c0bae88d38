#include "PropensityEstimator.h"

#include "OverlapDiagnostics.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>

namespace e2i::kernels::causal {
namespace {

constexpr int kMaxNewtonIterations = 100;
constexpr double kNewtonTolerance = 1e-10;
// Beyond this linear predictor the fitted probability is 0 or 1 to double precision:
// the classes are (quasi-)separated and the maximum-likelihood estimate does not exist.
constexpr double kSeparationLogit = 30.0;

Eigen::MatrixXd propensityDesign(const CausalData &data)
{
    const auto n = static_cast<Eigen::Index>(data.rows);
    Eigen::MatrixXd x(n, static_cast<Eigen::Index>(data.commonCauseCount()) + 1);
    x.col(0).setOnes();
    for (std::size_t j = 0; j < data.commonCauseCount(); ++j)
        x.col(static_cast<Eigen::Index>(j) + 1) = Eigen::Map<const Eigen::VectorXd>(data.commonCause(j).data(), n);
    return x;
}

Eigen::VectorXd logistic(const Eigen::VectorXd &eta) { return (1.0 + (-eta.array()).exp()).inverse().matrix(); }

// Hajek mean of the outcome within one arm, weighted by w(e) for rows in that arm.
template <typename Weight>
double armMean(const CausalData &data, const std::vector<double> &scores, double arm, Weight weight, double *totalWeight = nullptr)
{
    double sum = 0.0, total = 0.0;
    for (std::size_t i = 0; i < data.rows; ++i) {
        if (data.treatment[i] != arm)
            continue;
        const double w = weight(scores[i]);
        sum += w * data.outcome[i];
        total += w;
    }
    if (totalWeight)
        *totalWeight = total;
    return sum / total;
}

} // namespace

void requireBinaryTreatment(const CausalData &data, const std::string &estimator)
{
    if (!data.binaryTreatment())
        throw CausalInputError(estimator + " estimator: treatment column '" + data.spec.treatment +
                               "' must be binary (0/1); use --estimator linear for a continuous treatment");
}

void requireTreatmentGroups(const CausalData &data)
{
    const auto treated = static_cast<std::size_t>(std::count(data.treatment.begin(), data.treatment.end(), 1.0));
    const std::size_t control = data.rows - treated;
    if (std::min(treated, control) < kMinRowsPerTreatmentGroup)
        throw CausalInputError("weighting estimators (ipw, aipw): treatment '" + data.spec.treatment + "' has "
                               + std::to_string(treated) + " treated and " + std::to_string(control)
                               + " control rows; each group needs at least "
                               + std::to_string(kMinRowsPerTreatmentGroup)
                               + " rows for a meaningful weighted estimate (use --estimator linear, or more data)");
}

std::vector<double> fitPropensityScores(const CausalData &data)
{
    requireBinaryTreatment(data, "propensity");
    requireTreatmentGroups(data);
    const Eigen::MatrixXd x = propensityDesign(data);
    const Eigen::Map<const Eigen::VectorXd> t(data.treatment.data(), x.rows());
    Eigen::VectorXd beta = Eigen::VectorXd::Zero(x.cols());
    for (int iteration = 0; iteration < kMaxNewtonIterations; ++iteration) {
        const Eigen::VectorXd p = logistic(x * beta);
        const Eigen::VectorXd w = (p.array() * (1.0 - p.array())).matrix();
        const Eigen::MatrixXd information = x.transpose() * w.asDiagonal() * x;
        const Eigen::VectorXd step = information.ldlt().solve(x.transpose() * (t - p));
        beta += step;
        if ((x * beta).cwiseAbs().maxCoeff() > kSeparationLogit)
            throw CausalInputError("propensity model: treatment '" + data.spec.treatment +
                                   "' is perfectly separated by the common causes (no overlap); "
                                   "the weighting estimators are undefined");
        if (step.cwiseAbs().maxCoeff() < kNewtonTolerance * (1.0 + beta.cwiseAbs().maxCoeff()))
            break;
    }
    const Eigen::VectorXd p = logistic(x * beta);
    std::vector<double> scores(data.rows);
    for (std::size_t i = 0; i < data.rows; ++i)
        scores[i] = std::clamp(p(static_cast<Eigen::Index>(i)), kPropensityClipLow, kPropensityClipHigh);
    return scores;
}

PropensityEffects estimatePropensityWeighting(const CausalData &data)
{
    const std::vector<double> e = fitPropensityScores(data);
    double treatedTotal = 0.0, controlTotal = 0.0;
    const double mu1 = armMean(data, e, 1.0, [](double s) { return 1.0 / s; }, &treatedTotal);
    const double mu0 = armMean(data, e, 0.0, [](double s) { return 1.0 / (1.0 - s); }, &controlTotal);

    PropensityEffects out;
    out.att = armMean(data, e, 1.0, [](double) { return 1.0; }) -
              armMean(data, e, 0.0, [](double s) { return s / (1.0 - s); });
    out.atc = armMean(data, e, 1.0, [](double s) { return (1.0 - s) / s; }) -
              armMean(data, e, 0.0, [](double) { return 1.0; });

    // Influence function of the Hajek ATE with known scores.
    double sumSquares = 0.0;
    for (std::size_t i = 0; i < data.rows; ++i) {
        const double t = data.treatment[i], y = data.outcome[i];
        const double phi = t * (y - mu1) / e[i] / treatedTotal - (1.0 - t) * (y - mu0) / (1.0 - e[i]) / controlTotal;
        sumSquares += phi * phi;
    }
    EffectEstimate &ate = out.ate;
    ate.estimator = EstimatorKind::Ipw;
    ate.n = data.rows;
    ate.effect = mu1 - mu0;
    ate.stdError = std::sqrt(sumSquares);
    setNormalInference(ate);
    ate.warnings = overlapWarnings(diagnoseOverlap(data, e));
    return out;
}

} // namespace e2i::kernels::causal
