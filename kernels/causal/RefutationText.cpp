#include "RefutationText.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>

namespace e2i::kernels::causal {
namespace {

[[gnu::format(printf, 2, 3)]] void appendf(std::string &text, const char *format, ...)
{
    char line[512];
    std::va_list arguments;
    va_start(arguments, format);
    const int length = std::vsnprintf(line, sizeof line, format, arguments);
    va_end(arguments);
    if (length > 0)
        text.append(line, std::min<std::size_t>(std::size_t(length), sizeof line - 1));
}

// "%.6g", or "n/a" for a figure that is undefined (a perfect fit's t statistic), never "nan".
std::string figure(double value, const char *format = "%.6g")
{
    if (!std::isfinite(value))
        return "n/a";
    char text[64];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

void appendEstimate(std::string &text, const RefutationReport &report)
{
    const EffectEstimate &e = report.estimate;
    appendf(text, "estimator %s  n %zu\neffect %s  se %s  95%% CI [%s, %s]  p %s\n", estimatorName(e.estimator).c_str(),
            e.n, figure(e.effect).c_str(), figure(e.stdError).c_str(), figure(e.ciLow).c_str(),
            figure(e.ciHigh).c_str(), figure(e.pValue, "%.3g").c_str());
    if (report.att)
        appendf(text, "ATT %s  ATC %s\n", figure(*report.att).c_str(), figure(*report.atc).c_str());
    for (const std::string &warning : e.warnings)
        text += "warning: " + warning + '\n';
}

// "97/100": the simulations whose refit was defined, of those requested.
std::string ranOfRequested(const Refutation &r)
{
    return std::to_string(r.validSimulations()) + "/" + std::to_string(r.simulations);
}

// Failed refits are excluded, and with fewer than 100 left DoWhy's bootstrap test becomes the
// normal one: say how many ran and which test that left, rather than switching silently.
void appendFailedSimulations(std::string &text, const RefutationReport &report)
{
    for (const Refutation &r : report.refutations) {
        if (r.failedSimulations == 0)
            continue;
        appendf(text, "note: %s: %zu of %zu simulations failed (undefined refit) and are excluded",
                refuterName(r.kind).c_str(), r.failedSimulations, r.simulations);
        if (r.test == SignificanceTest::Normal && r.simulations >= kBootstrapTestMinimumSimulations)
            appendf(text, "; with %zu left the normal test was used instead of the bootstrap test (needs %zu)",
                    r.validSimulations(), kBootstrapTestMinimumSimulations);
        else if (r.test != SignificanceTest::None)
            appendf(text, "; %s test on the %zu that ran", significanceTestName(r.test).c_str(), r.validSimulations());
        text += '\n';
    }
}

} // namespace

std::string refutationReportToText(const RefutationReport &report)
{
    std::string text;
    appendEstimate(text, report);
    appendf(text, "\n%-20s %12s %12s %8s %6s %13s %9s\n", "refuter", "new effect", "sd", "p", "result", "ran/requested",
            "test");
    for (const Refutation &r : report.refutations)
        appendf(text, "%-20s %12s %12s %8s %6s %13s %9s\n", refuterName(r.kind).c_str(), figure(r.newEffect).c_str(),
                figure(r.newEffectStd).c_str(), r.pValue ? figure(*r.pValue, "%.4f").c_str() : "-",
                r.passed ? "pass" : "FAIL", ranOfRequested(r).c_str(),
                r.test == SignificanceTest::None ? "-" : significanceTestName(r.test).c_str());
    appendFailedSimulations(text, report);
    if (report.sensitivity)
        appendf(text, "\nsensitivity: partial R2 %s  RV_q %s  RV_q,alpha %s (q = 1, alpha = 0.05)\n",
                figure(report.sensitivity->partialR2).c_str(), figure(report.sensitivity->robustnessValue).c_str(),
                figure(report.sensitivity->robustnessValueAlpha).c_str());
    return text;
}

} // namespace e2i::kernels::causal
