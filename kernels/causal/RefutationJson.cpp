#include "RefutationJson.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace e2i::kernels::causal {
namespace {

using nlohmann::json;

json number(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }

json numbers(const std::vector<double> &values)
{
    json out = json::array();
    for (const double v : values)
        out.push_back(number(v));
    return out;
}

json estimateJson(const RefutationReport &report)
{
    const EffectEstimate &e = report.estimate;
    json out = {{"estimator", estimatorName(e.estimator)}, {"effect", number(e.effect)},
                {"std_error", number(e.stdError)},        {"ci_low", number(e.ciLow)},
                {"ci_high", number(e.ciHigh)},            {"p_value", number(e.pValue)},
                {"t_statistic", number(e.tStatistic)},    {"residual_dof", number(e.residualDof)},
                {"n", e.n}};
    if (report.att)
        out["att"] = number(*report.att);
    if (report.atc)
        out["atc"] = number(*report.atc);
    return out;
}

json refutationJson(const Refutation &r)
{
    json out = {{"refuter", refuterName(r.kind)},
                {"original_effect", number(r.originalEffect)},
                {"reference_effect", number(r.referenceEffect)},
                {"new_effect", number(r.newEffect)},
                {"new_effect_std", number(r.newEffectStd)},
                {"new_effect_min", number(r.effectMin)},
                {"new_effect_max", number(r.effectMax)},
                {"p_value", r.pValue ? number(*r.pValue) : json(nullptr)},
                {"passed", r.passed},
                {"simulations", r.simulations},
                {"failed_simulations", r.failedSimulations},
                {"valid_simulations", r.validSimulations()},
                {"significance_test", r.test == SignificanceTest::None ? json(nullptr) : json(significanceTestName(r.test))},
                {"simulated_effects", numbers(r.simulatedEffects)}};
    if (r.kind == RefuterKind::UnobservedCommonCause)
        out["strength_grid"] = numbers(r.strengthGrid);
    return out;
}

json sensitivityJson(const SensitivityFigures &f)
{
    return {{"estimate", number(f.estimate)},
            {"std_error", number(f.stdError)},
            {"t_statistic", number(f.tStatistic)},
            {"dof", number(f.dof)},
            {"q", number(f.q)},
            {"alpha", number(f.alpha)},
            {"partial_r2", number(f.partialR2)},
            {"robustness_value", number(f.robustnessValue)},
            {"robustness_value_alpha", number(f.robustnessValueAlpha)}};
}

} // namespace

std::string refutationReportToJson(const RefutationReport &report, int indent)
{
    json out;
    out["estimate"] = estimateJson(report);
    out["warnings"] = report.estimate.warnings;
    out["refutations"] = json::array();
    for (const Refutation &r : report.refutations)
        out["refutations"].push_back(refutationJson(r));
    out["sensitivity"] = report.sensitivity ? sensitivityJson(*report.sensitivity) : json(nullptr);
    return out.dump(indent);
}

} // namespace e2i::kernels::causal
