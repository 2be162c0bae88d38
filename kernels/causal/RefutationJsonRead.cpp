// refutationReportFromJson (RefutationJson.h): every field the writer writes is required and
// checked, so a report that was cut, edited or written by something else is refused with the
// field's path rather than shown with zeros.
#include "RefutationJson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace e2i::kernels::causal {
namespace {

using nlohmann::json;

constexpr std::size_t kShownValueLength = 40;

std::string describe(const json &value)
{
    std::string text = value.dump();
    if (text.size() > kShownValueLength)
        text = text.substr(0, kShownValueLength) + "…";
    return std::string(value.type_name()) + " " + text;
}

// One JSON object of the report, with its path ("refutations[2]") for the messages.
class Fields
{
public:
    Fields(const json &object, std::string path, const std::string &source)
        : m_object(object), m_path(std::move(path)), m_source(source)
    {
        if (!object.is_object())
            throw RefutationJsonError(m_source + ": " + (m_path.empty() ? std::string("the report") : m_path)
                                      + ": expected an object, not " + describe(object));
    }

    [[noreturn]] void fail(const char *name, const std::string &what) const
    {
        throw RefutationJsonError(m_source + ": " + pathOf(name) + ": " + what);
    }

    std::string pathOf(const char *name) const { return m_path.empty() ? name : m_path + "." + name; }
    bool has(const char *name) const { return m_object.contains(name); }

    const json &at(const char *name) const
    {
        const auto found = m_object.find(name);
        if (found == m_object.end())
            fail(name, "missing");
        return *found;
    }

    Fields object(const char *name) const { return {at(name), pathOf(name), m_source}; }

    // A number, or null for one that is not finite (NaN).
    double number(const char *name) const { return numberAt(at(name), name, "expected a number or null"); }

    std::optional<double> optionalNumber(const char *name) const
    {
        const json &value = at(name);
        if (value.is_null())
            return std::nullopt;
        return numberAt(value, name, "expected a number or null");
    }

    std::size_t count(const char *name) const
    {
        const json &value = at(name);
        if (!value.is_number_unsigned() && !(value.is_number_integer() && value.get<std::int64_t>() >= 0))
            fail(name, "expected a whole number ≥ 0, not " + describe(value));
        return value.get<std::size_t>();
    }

    bool flag(const char *name) const
    {
        const json &value = at(name);
        if (!value.is_boolean())
            fail(name, "expected true or false, not " + describe(value));
        return value.get<bool>();
    }

    std::string text(const char *name) const
    {
        const json &value = at(name);
        if (!value.is_string())
            fail(name, "expected a string, not " + describe(value));
        return value.get<std::string>();
    }

    std::vector<double> numbers(const char *name) const
    {
        const json &value = at(name);
        if (!value.is_array())
            fail(name, "expected an array of numbers, not " + describe(value));
        std::vector<double> out;
        out.reserve(value.size());
        for (std::size_t i = 0; i < value.size(); ++i)
            out.push_back(numberAt(value[i], name, "[" + std::to_string(i) + "]: expected a number or null"));
        return out;
    }

private:
    double numberAt(const json &value, const char *name, const std::string &expected) const
    {
        if (value.is_null())
            return std::numeric_limits<double>::quiet_NaN();
        if (!value.is_number())
            fail(name, expected + ", not " + describe(value));
        return value.get<double>();
    }

    const json &m_object;
    std::string m_path;
    const std::string &m_source;
};

EstimatorKind estimatorOf(const Fields &estimate)
{
    const std::string name = estimate.text("estimator");
    const std::optional<EstimatorKind> kind = parseEstimatorKind(name);
    if (!kind)
        estimate.fail("estimator", "unknown estimator '" + name + "' (linear, ipw, aipw)");
    return *kind;
}

RefuterKind refuterOf(const Fields &refutation)
{
    const std::string name = refutation.text("refuter");
    const std::optional<RefuterKind> kind = parseRefuterKind(name);
    if (!kind)
        refutation.fail("refuter", "unknown refuter '" + name + "'");
    return *kind;
}

SignificanceTest testOf(const Fields &refutation)
{
    if (refutation.at("significance_test").is_null())
        return SignificanceTest::None;
    const std::string name = refutation.text("significance_test");
    for (const auto test : {SignificanceTest::Bootstrap, SignificanceTest::Normal})
        if (significanceTestName(test) == name)
            return test;
    refutation.fail("significance_test", "'" + name + "' is not bootstrap, normal or null");
}

std::vector<std::string> warningsOf(const Fields &report)
{
    const json &value = report.at("warnings");
    if (!value.is_array())
        report.fail("warnings", "expected an array of strings, not " + describe(value));
    std::vector<std::string> warnings;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_string())
            report.fail("warnings", "[" + std::to_string(i) + "]: expected a string, not " + describe(value[i]));
        warnings.push_back(value[i].get<std::string>());
    }
    return warnings;
}

void readEstimate(const Fields &e, RefutationReport &report)
{
    EffectEstimate &estimate = report.estimate;
    estimate.estimator = estimatorOf(e);
    estimate.effect = e.number("effect");
    estimate.stdError = e.number("std_error");
    estimate.ciLow = e.number("ci_low");
    estimate.ciHigh = e.number("ci_high");
    estimate.pValue = e.number("p_value");
    estimate.tStatistic = e.number("t_statistic");
    estimate.residualDof = e.number("residual_dof");
    estimate.n = e.count("n");
    if (e.has("att"))
        report.att = e.number("att");
    if (e.has("atc"))
        report.atc = e.number("atc");
}

// The counts the writer derives from the simulated effects must agree with them.
void checkCounts(const Fields &r, const Refutation &refutation)
{
    const auto failed = std::size_t(std::count_if(refutation.simulatedEffects.begin(), refutation.simulatedEffects.end(),
                                                  [](double v) { return std::isnan(v); }));
    if (refutation.simulatedEffects.size() != refutation.simulations)
        r.fail("simulated_effects", "holds " + std::to_string(refutation.simulatedEffects.size())
                                        + " effects, but simulations is " + std::to_string(refutation.simulations));
    if (failed != refutation.failedSimulations)
        r.fail("failed_simulations", std::to_string(refutation.failedSimulations) + ", but "
                                         + std::to_string(failed) + " of the simulated effects are null");
    if (r.count("valid_simulations") != refutation.validSimulations())
        r.fail("valid_simulations", "is not simulations - failed_simulations ("
                                        + std::to_string(refutation.validSimulations()) + ")");
}

Refutation readRefutation(const Fields &r)
{
    Refutation refutation;
    refutation.kind = refuterOf(r);
    refutation.originalEffect = r.number("original_effect");
    refutation.referenceEffect = r.number("reference_effect");
    refutation.newEffect = r.number("new_effect");
    refutation.newEffectStd = r.number("new_effect_std");
    refutation.effectMin = r.number("new_effect_min");
    refutation.effectMax = r.number("new_effect_max");
    refutation.pValue = r.optionalNumber("p_value");
    refutation.passed = r.flag("passed");
    refutation.simulations = r.count("simulations");
    refutation.failedSimulations = r.count("failed_simulations");
    refutation.test = testOf(r);
    refutation.simulatedEffects = r.numbers("simulated_effects");
    if (refutation.kind == RefuterKind::UnobservedCommonCause)
        refutation.strengthGrid = r.numbers("strength_grid");
    checkCounts(r, refutation);
    return refutation;
}

SensitivityFigures readSensitivity(const Fields &s)
{
    SensitivityFigures figures;
    figures.estimate = s.number("estimate");
    figures.stdError = s.number("std_error");
    figures.tStatistic = s.number("t_statistic");
    figures.dof = s.number("dof");
    figures.q = s.number("q");
    figures.alpha = s.number("alpha");
    figures.partialR2 = s.number("partial_r2");
    figures.robustnessValue = s.number("robustness_value");
    figures.robustnessValueAlpha = s.number("robustness_value_alpha");
    return figures;
}

std::vector<Refutation> readRefutations(const Fields &report, const std::string &source)
{
    const json &list = report.at("refutations");
    if (!list.is_array())
        report.fail("refutations", "expected an array, not " + describe(list));
    std::vector<Refutation> refutations;
    for (std::size_t i = 0; i < list.size(); ++i)
        refutations.push_back(readRefutation(Fields(list[i], "refutations[" + std::to_string(i) + "]", source)));
    return refutations;
}

json parse(std::string_view text, const std::string &source)
{
    try {
        return json::parse(text);
    } catch (const json::parse_error &error) {
        throw RefutationJsonError(source + ": not JSON: byte " + std::to_string(error.byte) + ": "
                                  + error.what());
    }
}

} // namespace

RefutationReport refutationReportFromJson(std::string_view text, const std::string &source)
{
    const json document = parse(text, source);
    const Fields report(document, "", source);
    RefutationReport out;
    readEstimate(report.object("estimate"), out);
    out.estimate.warnings = warningsOf(report);
    out.refutations = readRefutations(report, source);
    if (!report.at("sensitivity").is_null())
        out.sensitivity = readSensitivity(report.object("sensitivity"));
    return out;
}

} // namespace e2i::kernels::causal
