#include "ShapWorker.h"

#include "TreeShapClassic.h"

#include <algorithm>
#include <array>
#include <span>

namespace e2i::kernels::shap {

ShapWorker::ShapWorker(const XgbModel &model, const ShapOptions &options)
    : m_model(model)
{
    const int depth = model.deepestTree();
    if (options.algorithm == ShapAlgorithm::Classic)
        m_shap = std::make_unique<TreeShapClassic>(model.featureCount, depth);
    else
        m_shap = std::make_unique<TreeShapFast>(model.featureCount, depth);
    if (options.algorithm == ShapAlgorithm::Fast && !options.interactions && !options.background)
        m_batchShap = static_cast<TreeShapFast *>(m_shap.get());
    if (options.interactions)
        m_interactions = std::make_unique<Interactions>(model, *m_shap);
    if (options.background)
        m_interventional = std::make_unique<Interventional>(model, *options.background);
}

bool ShapWorker::explainRows(const FeatureMatrix &data, std::size_t first, std::size_t last, ShapResult &result,
                             const std::atomic<bool> &stop)
{
    constexpr std::size_t batch = TreeShapFast::kBatchRows;
    if (m_batchShap) {
        for (std::size_t r = first; r < last; r += batch)
            if (!explainBatch(data, r, std::min(batch, last - r), result, stop))
                return false;
        return true;
    }
    for (std::size_t r = first; r < last; ++r)
        if (stop.load(std::memory_order_relaxed) || !explainRow(data.row(r), r, result, stop))
            return false;
    return true;
}

bool ShapWorker::explainBatch(const FeatureMatrix &data, std::size_t first, std::size_t count, ShapResult &result,
                              const std::atomic<bool> &stop)
{
    const auto featureCount = static_cast<std::size_t>(m_model.featureCount);
    std::array<const double *, TreeShapFast::kBatchRows> rows;
    std::array<double *, TreeShapFast::kBatchRows> phis;
    for (std::size_t b = 0; b < count; ++b)
        rows[b] = data.row(first + b);
    for (int g = 0; g < m_model.groupCount; ++g) {
        for (std::size_t b = 0; b < count; ++b) {
            phis[b] = result.values[static_cast<std::size_t>(g)].data() + (first + b) * result.valuesPerRow();
            std::fill_n(phis[b], featureCount, 0.0);
            phis[b][featureCount] = m_model.baseMargin[static_cast<std::size_t>(g)];
        }
        for (std::size_t t = 0; t < m_model.trees.size(); ++t) {
            // A batch of deep trees takes long enough that cancelling waits for it otherwise.
            if (stop.load(std::memory_order_relaxed))
                return false;
            if (m_model.treeGroup[t] == g)
                m_batchShap->addBatchContributions(m_model.trees[t], std::span(rows).first(count),
                                                   std::span(phis).first(count));
        }
    }
    return true;
}

bool ShapWorker::explainRow(const double *row, std::size_t r, ShapResult &result, const std::atomic<bool> &stop)
{
    for (int g = 0; g < m_model.groupCount; ++g) {
        double *out = result.values[static_cast<std::size_t>(g)].data() + r * result.valuesPerRow();
        if (m_interventional) {
            if (!m_interventional->explain(row, g, out, stop))
                return false;
        } else if (m_interactions) {
            m_interactions->explain(row, g, out);
        } else {
            contributions(row, g, out);
        }
    }
    return true;
}

void ShapWorker::contributions(const double *row, int group, double *phi)
{
    const auto featureCount = static_cast<std::size_t>(m_model.featureCount);
    std::fill_n(phi, featureCount, 0.0);
    phi[featureCount] = m_model.baseMargin[static_cast<std::size_t>(group)];
    for (std::size_t t = 0; t < m_model.trees.size(); ++t)
        if (m_model.treeGroup[t] == group)
            m_shap->addContributions(m_model.trees[t], row, phi);
}

} // namespace e2i::kernels::shap
