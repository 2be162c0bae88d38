#include "RefutationJson.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace e2i::kernels::causal {
namespace {

using nlohmann::json;

json number(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }

json estimateJson(const RefutationReport &report)
{
    const EffectEstimate &e = report.estimate;
    json out = {{"estimator", estimatorName(e.estimator)}, {"effect", number(e.effect)},
                {"std_error", number(e.stdError)},        {"ci_low", number(e.ciLow)},
                {"ci_high", number(e.ciHigh)},            {"p_value", number(e.pValue)},
                {"n", e.n}};
    if (report.att)
        out["att"] = number(*report.att);
    if (report.atc)
        out["atc"] = number(*report.atc);
    return out;
}

json refutationJson(const Refutation &r, bool includeSimulations)
{
    json out = {{"refuter", refuterName(r.kind)},
                {"new_effect", number(r.newEffect)},
                {"new_effect_std", number(r.newEffectStd)},
                {"p_value", r.pValue ? number(*r.pValue) : json(nullptr)},
                {"passed", r.passed},
                {"simulations", r.simulations},
                {"failed_simulations", r.failedSimulations},
                {"valid_simulations", r.validSimulations()},
                {"significance_test", r.test == SignificanceTest::None ? json(nullptr) : json(significanceTestName(r.test))},
                {"reference_effect", number(r.referenceEffect)}};
    if (r.kind == RefuterKind::UnobservedCommonCause) {
        out["new_effect_min"] = number(r.effectMin);
        out["new_effect_max"] = number(r.effectMax);
        out["strength_grid"] = r.strengthGrid;
    }
    if (includeSimulations) {
        json effects = json::array();
        for (const double v : r.simulatedEffects)
            effects.push_back(number(v));
        out["simulated_effects"] = std::move(effects);
    }
    return out;
}

json sensitivityJson(const SensitivityFigures &f)
{
    return {{"partial_r2", number(f.partialR2)},
            {"robustness_value", number(f.robustnessValue)},
            {"robustness_value_alpha", number(f.robustnessValueAlpha)},
            {"q", f.q},
            {"alpha", f.alpha},
            {"t_statistic", number(f.tStatistic)},
            {"dof", f.dof}};
}

} // namespace

std::string refutationReportToJson(const RefutationReport &report, bool includeSimulations, int indent)
{
    json out;
    out["estimate"] = estimateJson(report);
    out["warnings"] = report.estimate.warnings;
    out["refutations"] = json::array();
    for (const Refutation &r : report.refutations)
        out["refutations"].push_back(refutationJson(r, includeSimulations));
    out["sensitivity"] = report.sensitivity ? sensitivityJson(*report.sensitivity) : json(nullptr);
    return out.dump(indent);
}

} // namespace e2i::kernels::causal
