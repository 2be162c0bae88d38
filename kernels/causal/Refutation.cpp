#include "Refutation.h"

#include "Distributions.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace e2i::kernels::causal {
namespace {

constexpr RefuterKind kAllKinds[] = {RefuterKind::Placebo,   RefuterKind::RandomCommonCause,
                                     RefuterKind::Subset,    RefuterKind::Bootstrap,
                                     RefuterKind::DummyOutcome, RefuterKind::UnobservedCommonCause};

// Two-sided empirical p-value of `reference` within the sorted simulations (DoWhy's
// perform_bootstrap_test: tail beyond the reference on the side away from the median).
double bootstrapPValue(double reference, std::vector<double> &simulations)
{
    std::sort(simulations.begin(), simulations.end());
    const double count = static_cast<double>(simulations.size());
    const double median = simulations[simulations.size() / 2];
    double tail = 0.0;
    if (reference > median) {
        const auto below = std::lower_bound(simulations.begin(), simulations.end(), reference) - simulations.begin();
        tail = 1.0 - static_cast<double>(below) / count;
    } else {
        const auto atOrBelow = std::upper_bound(simulations.begin(), simulations.end(), reference) - simulations.begin();
        tail = static_cast<double>(atOrBelow) / count;
    }
    return std::min(1.0, 2.0 * tail);
}

// DoWhy's perform_normal_distribution_test (one tail, as DoWhy reports it).
double normalPValue(double reference, const std::vector<double> &simulations)
{
    const double count = static_cast<double>(simulations.size());
    const double mean = std::accumulate(simulations.begin(), simulations.end(), 0.0) / count;
    double squares = 0.0;
    for (const double v : simulations)
        squares += (v - mean) * (v - mean);
    const double sd = std::sqrt(squares / count); // numpy's default ddof = 0
    if (sd == 0.0)
        return reference == mean ? 1.0 : 0.0;
    const double z = (reference - mean) / sd;
    return z > 0.0 ? normalCdf(-z) : normalCdf(z);
}

} // namespace

std::string refuterName(RefuterKind kind)
{
    switch (kind) {
    case RefuterKind::Placebo: return "placebo";
    case RefuterKind::RandomCommonCause: return "random_common_cause";
    case RefuterKind::Subset: return "subset";
    case RefuterKind::Bootstrap: return "bootstrap";
    case RefuterKind::DummyOutcome: return "dummy_outcome";
    case RefuterKind::UnobservedCommonCause: return "unobserved";
    }
    return "placebo";
}

std::optional<RefuterKind> parseRefuterKind(std::string_view name)
{
    for (const auto kind : kAllKinds)
        if (refuterName(kind) == name)
            return kind;
    return std::nullopt;
}

std::string significanceTestName(SignificanceTest test)
{
    switch (test) {
    case SignificanceTest::Bootstrap: return "bootstrap";
    case SignificanceTest::Normal: return "normal";
    case SignificanceTest::None: break;
    }
    return "none";
}

SignificanceTest significanceTestFor(std::size_t validSimulations)
{
    if (validSimulations == 0)
        return SignificanceTest::None;
    return validSimulations >= kBootstrapTestMinimumSimulations ? SignificanceTest::Bootstrap : SignificanceTest::Normal;
}

std::vector<RefuterKind> allRefuterKinds() { return {std::begin(kAllKinds), std::end(kAllKinds)}; }

double refutationPValue(double reference, std::vector<double> simulations)
{
    if (significanceTestFor(simulations.size()) == SignificanceTest::Bootstrap)
        return bootstrapPValue(reference, simulations);
    return normalPValue(reference, simulations);
}

void summarizeRefutation(Refutation &r)
{
    std::vector<double> valid;
    std::copy_if(r.simulatedEffects.begin(), r.simulatedEffects.end(), std::back_inserter(valid),
                 [](double v) { return std::isfinite(v); });
    r.simulations = r.simulatedEffects.size();
    r.failedSimulations = r.simulations - valid.size();
    r.test = SignificanceTest::None;
    if (valid.empty()) {
        r.newEffect = r.newEffectStd = std::nan("");
        r.passed = false;
        return;
    }
    const double count = static_cast<double>(valid.size());
    r.newEffect = std::accumulate(valid.begin(), valid.end(), 0.0) / count;
    double squares = 0.0;
    for (const double v : valid)
        squares += (v - r.newEffect) * (v - r.newEffect);
    r.newEffectStd = valid.size() > 1 ? std::sqrt(squares / (count - 1.0)) : 0.0;
    const auto [lo, hi] = std::minmax_element(valid.begin(), valid.end());
    r.effectMin = *lo;
    r.effectMax = *hi;
    if (r.kind == RefuterKind::UnobservedCommonCause) {
        r.pValue.reset();
        r.passed = (r.originalEffect > 0.0) ? r.effectMin > 0.0 : r.effectMax < 0.0;
        return;
    }
    r.test = significanceTestFor(valid.size());
    r.pValue = refutationPValue(r.referenceEffect, valid);
    r.passed = *r.pValue > kRefutationSignificanceLevel;
}

} // namespace e2i::kernels::causal
