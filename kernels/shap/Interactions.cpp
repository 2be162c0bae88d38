#include "Interactions.h"

#include <algorithm>

namespace e2i::kernels::shap {

namespace {
std::vector<int> splitFeatures(const XgbTree &tree)
{
    std::vector<int> features;
    for (int node = 0; node < tree.nodeCount(); ++node)
        if (!tree.isLeaf(node))
            features.push_back(tree.feature[static_cast<std::size_t>(node)]);
    std::sort(features.begin(), features.end());
    features.erase(std::unique(features.begin(), features.end()), features.end());
    return features;
}
} // namespace

Interactions::Interactions(const XgbModel &model, PathDependentShap &shap)
    : m_model(model)
    , m_shap(shap)
    , m_phi(static_cast<std::size_t>(model.featureCount) + 1)
    , m_on(m_phi.size())
    , m_off(m_phi.size())
{
    for (const XgbTree &tree : model.trees)
        m_treeFeatures.push_back(splitFeatures(tree));
}

void Interactions::explain(const double *row, int group, double *out)
{
    const std::size_t width = m_phi.size();
    std::fill_n(out, width * width, 0.0);
    std::fill(m_phi.begin(), m_phi.end(), 0.0);
    m_phi.back() = m_model.baseMargin[static_cast<std::size_t>(group)];
    for (std::size_t t = 0; t < m_model.trees.size(); ++t) {
        if (m_model.treeGroup[t] != group)
            continue;
        m_shap.addContributions(m_model.trees[t], row, m_phi.data());
        addTreeInteractions(m_model.trees[t], m_treeFeatures[t], row, out);
    }
    for (std::size_t i = 0; i < width; ++i) {
        double offDiagonal = 0.0;
        for (std::size_t j = 0; j < width; ++j)
            if (j != i)
                offDiagonal += out[i * width + j];
        out[i * width + i] = m_phi[i] - offDiagonal;
    }
}

void Interactions::addTreeInteractions(const XgbTree &tree, const std::vector<int> &features, const double *row,
                                       double *out)
{
    const std::size_t width = m_phi.size();
    for (const int i : features) {
        for (const int j : features)
            m_on[static_cast<std::size_t>(j)] = m_off[static_cast<std::size_t>(j)] = 0.0;
        m_shap.addContributions(tree, row, m_on.data(), ShapCondition{i, +1});
        m_shap.addContributions(tree, row, m_off.data(), ShapCondition{i, -1});
        for (const int j : features)
            if (j != i)
                out[static_cast<std::size_t>(i) * width + static_cast<std::size_t>(j)]
                    += (m_on[static_cast<std::size_t>(j)] - m_off[static_cast<std::size_t>(j)]) / 2.0;
    }
}

} // namespace e2i::kernels::shap
