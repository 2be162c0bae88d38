#include "ShapWorker.h"

#include "TreeShapClassic.h"
#include "TreeShapFast.h"

#include <algorithm>

namespace e2i::kernels::shap {

namespace {
int deepestTree(const XgbModel &model)
{
    int depth = 0;
    for (const XgbTree &tree : model.trees)
        depth = std::max(depth, tree.maxDepth);
    return depth;
}
} // namespace

ShapWorker::ShapWorker(const XgbModel &model, const ShapOptions &options)
    : m_model(model)
{
    const int depth = deepestTree(model);
    if (options.algorithm == ShapAlgorithm::Classic)
        m_shap = std::make_unique<TreeShapClassic>(model.featureCount, depth);
    else
        m_shap = std::make_unique<TreeShapFast>(model.featureCount, depth);
    if (options.interactions)
        m_interactions = std::make_unique<Interactions>(model, *m_shap);
    if (options.background)
        m_interventional = std::make_unique<Interventional>(model, *options.background);
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
