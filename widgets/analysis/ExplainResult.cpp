#include "ExplainResult.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace e2i::analysis {

ExplainResult::ExplainResult(std::shared_ptr<const ExplainRun> shared, int shownGroup)
    : run(std::move(shared))
    , group(shownGroup)
    , values(run->values)
    , data(run->data)
    , featureNames(run->featureNames)
    , meanAbs(run->summaries[std::size_t(shownGroup)].meanAbs)
    , order(run->summaries[std::size_t(shownGroup)].order)
    , strongestInteraction(run->summaries[std::size_t(shownGroup)].strongestInteraction)
{
}

QString ExplainResult::classSuffix() const
{
    return values.groups > 1 ? QStringLiteral(", class %1").arg(group) : QString();
}

GroupSummary summarize(const kernels::shap::ShapResult &values, int group)
{
    GroupSummary summary;
    const int features = values.features;
    summary.meanAbs.assign(std::size_t(features), 0.0);
    for (std::size_t r = 0; r < values.rows; ++r) {
        const double *phi = values.row(group, r);
        for (int f = 0; f < features; ++f)
            summary.meanAbs[std::size_t(f)] += std::abs(phi[f]);
    }
    if (values.rows > 0)
        for (double &sum : summary.meanAbs)
            sum /= double(values.rows);
    summary.order.resize(std::size_t(features));
    std::iota(summary.order.begin(), summary.order.end(), 0);
    std::stable_sort(summary.order.begin(), summary.order.end(),
                     [&](int a, int b) { return summary.meanAbs[std::size_t(a)] > summary.meanAbs[std::size_t(b)]; });
    summary.strongestInteraction.assign(std::size_t(features), -1);
    return summary;
}

void findStrongestInteractions(GroupSummary &summary, const kernels::shap::ShapResult &interactions, int group)
{
    const int features = interactions.features;
    const std::size_t width = interactions.width();
    std::vector<double> strength(std::size_t(features) * std::size_t(features), 0.0);
    for (std::size_t r = 0; r < interactions.rows; ++r) {
        const double *matrix = interactions.row(group, r);
        for (int i = 0; i < features; ++i)
            for (int j = 0; j < features; ++j)
                strength[std::size_t(i * features + j)] += std::abs(matrix[std::size_t(i) * width + std::size_t(j)]);
    }
    summary.strongestInteraction.assign(std::size_t(features), -1);
    for (int i = 0; i < features; ++i) {
        double best = 0.0;
        for (int j = 0; j < features; ++j) {
            if (j != i && strength[std::size_t(i * features + j)] > best) {
                best = strength[std::size_t(i * features + j)];
                summary.strongestInteraction[std::size_t(i)] = j;
            }
        }
    }
}

kernels::shap::ShapResult mainEffectsOf(const kernels::shap::ShapResult &interactions)
{
    kernels::shap::ShapResult values;
    values.rows = interactions.rows;
    values.groups = interactions.groups;
    values.features = interactions.features;
    const std::size_t width = interactions.width();
    values.values.assign(std::size_t(values.groups), std::vector<double>(values.rows * width, 0.0));
    for (int g = 0; g < values.groups; ++g) {
        for (std::size_t r = 0; r < values.rows; ++r) {
            const double *matrix = interactions.row(g, r);
            double *phi = values.values[std::size_t(g)].data() + r * width;
            for (std::size_t i = 0; i < width; ++i)
                phi[i] = std::accumulate(matrix + i * width, matrix + (i + 1) * width, 0.0);
        }
    }
    return values;
}

} // namespace e2i::analysis
