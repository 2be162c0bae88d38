#include "ExplainResult.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace e2i::analysis {

void summarize(ExplainResult &result)
{
    const int features = result.values.features;
    result.meanAbs.assign(std::size_t(features), 0.0);
    for (std::size_t r = 0; r < result.values.rows; ++r)
        for (int f = 0; f < features; ++f)
            result.meanAbs[std::size_t(f)] += std::abs(result.shap(r, f));
    if (result.values.rows > 0)
        for (double &sum : result.meanAbs)
            sum /= double(result.values.rows);
    result.order.resize(std::size_t(features));
    std::iota(result.order.begin(), result.order.end(), 0);
    std::stable_sort(result.order.begin(), result.order.end(),
                     [&](int a, int b) { return result.meanAbs[std::size_t(a)] > result.meanAbs[std::size_t(b)]; });
    result.strongestInteraction.assign(std::size_t(features), -1);
}

void findStrongestInteractions(ExplainResult &result, const kernels::shap::ShapResult &interactions)
{
    const int features = interactions.features;
    const std::size_t width = interactions.width();
    std::vector<double> strength(std::size_t(features) * std::size_t(features), 0.0);
    for (std::size_t r = 0; r < interactions.rows; ++r) {
        const double *matrix = interactions.row(result.group, r);
        for (int i = 0; i < features; ++i)
            for (int j = 0; j < features; ++j)
                strength[std::size_t(i * features + j)] += std::abs(matrix[std::size_t(i) * width + std::size_t(j)]);
    }
    result.strongestInteraction.assign(std::size_t(features), -1);
    for (int i = 0; i < features; ++i) {
        double best = 0.0;
        for (int j = 0; j < features; ++j) {
            if (j != i && strength[std::size_t(i * features + j)] > best) {
                best = strength[std::size_t(i * features + j)];
                result.strongestInteraction[std::size_t(i)] = j;
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
