#include "OverlapDiagnostics.h"

#include "PropensityEstimator.h"

#include <cmath>
#include <cstdio>

namespace e2i::kernels::causal {
namespace {

struct KishSums {
    double weights = 0.0;
    double squares = 0.0;
    void add(double w)
    {
        weights += w;
        squares += w * w;
    }
    double effectiveRows() const { return squares > 0.0 ? weights * weights / squares : 0.0; }
};

std::string formatted(const char *format, double a, double b, double c)
{
    char text[256];
    std::snprintf(text, sizeof text, format, a, b, c);
    return text;
}

} // namespace

OverlapDiagnostics diagnoseOverlap(const CausalData &data, const std::vector<double> &scores)
{
    OverlapDiagnostics d;
    d.rows = data.rows;
    KishSums treated, control;
    for (std::size_t i = 0; i < data.rows; ++i) {
        const double e = scores[i];
        if (e <= kPropensityClipLow || e >= kPropensityClipHigh)
            ++d.clippedRows;
        if (data.treatment[i] == 1.0) {
            ++d.treatedRows;
            treated.add(1.0 / e);
        } else {
            ++d.controlRows;
            control.add(1.0 / (1.0 - e));
        }
    }
    d.treatedEffectiveRows = treated.effectiveRows();
    d.controlEffectiveRows = control.effectiveRows();
    return d;
}

std::vector<std::string> overlapWarnings(const OverlapDiagnostics &d)
{
    std::vector<std::string> warnings;
    const double clippedShare = d.rows ? static_cast<double>(d.clippedRows) / static_cast<double>(d.rows) : 0.0;
    if (clippedShare > kClippedShareWarning)
        warnings.push_back(formatted("poor overlap: %.0f of %.0f rows (%.0f%%) have propensity scores clipped to "
                                     "[0.05, 0.95]; the weighting estimate and its p-value are unreliable",
                                     static_cast<double>(d.clippedRows), static_cast<double>(d.rows), 100.0 * clippedShare));
    const struct {
        const char *group;
        double effective;
        std::size_t rows;
    } groups[] = {{"treated", d.treatedEffectiveRows, d.treatedRows}, {"control", d.controlEffectiveRows, d.controlRows}};
    for (const auto &g : groups)
        if (g.effective < kMinEffectiveRowsWarning)
            warnings.push_back(std::string("small effective sample: the ") + g.group + " group's weights amount to "
                               + formatted("%.1f effective rows (of %.0f; fewer than %.0f)", g.effective,
                                           static_cast<double>(g.rows), kMinEffectiveRowsWarning));
    return warnings;
}

} // namespace e2i::kernels::causal
