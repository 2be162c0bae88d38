#include "Interventional.h"

#include <algorithm>

namespace e2i::kernels::shap {

namespace {

// Beta(a + 1, b + 1) = a! b! / (a + b + 1)!, built by its recurrence to stay in range.
std::vector<std::vector<double>> shapleyCoefficients(int size)
{
    std::vector<std::vector<double>> c(static_cast<std::size_t>(size) + 1, std::vector<double>(static_cast<std::size_t>(size) + 1));
    for (int a = 0; a <= size; ++a)
        for (int b = 0; b <= size; ++b) {
            const auto i = static_cast<std::size_t>(a);
            const auto j = static_cast<std::size_t>(b);
            if (a == 0)
                c[i][j] = 1.0 / (b + 1);
            else
                c[i][j] = c[i - 1][j] * a / (a + b + 1);
        }
    return c;
}

} // namespace

Interventional::Interventional(const XgbModel &model, const FeatureMatrix &background)
    : m_model(model)
    , m_background(background)
    , m_meanMargin(static_cast<std::size_t>(model.groupCount), 0.0)
    , m_coefficient(shapleyCoefficients(model.deepestTree()))
    , m_side(static_cast<std::size_t>(model.featureCount), Side::Undecided)
{
    for (int g = 0; g < model.groupCount; ++g) {
        double sum = 0.0;
        for (std::size_t b = 0; b < background.rows; ++b)
            sum += model.predictMargin(background.row(b), g);
        m_meanMargin[static_cast<std::size_t>(g)] = background.rows ? sum / static_cast<double>(background.rows) : 0.0;
    }
}

bool Interventional::explain(const double *row, int group, double *phi, const std::atomic<bool> &stop)
{
    const auto featureCount = static_cast<std::size_t>(m_model.featureCount);
    std::fill_n(phi, featureCount + 1, 0.0);
    m_x = row;
    for (std::size_t t = 0; t < m_model.trees.size(); ++t) {
        if (m_model.treeGroup[t] != group)
            continue;
        if (stop.load(std::memory_order_relaxed))
            return false;
        m_tree = &m_model.trees[t];
        for (std::size_t b = 0; b < m_background.rows; ++b) {
            m_z = m_background.row(b);
            walk(0, phi);
        }
    }
    const double scale = 1.0 / static_cast<double>(m_background.rows);
    for (std::size_t f = 0; f < featureCount; ++f)
        phi[f] *= scale;
    phi[featureCount] = m_meanMargin[static_cast<std::size_t>(group)];
    return true;
}

void Interventional::walk(int node, double *phi)
{
    const XgbTree &tree = *m_tree;
    if (tree.isLeaf(node)) {
        credit(tree.value[static_cast<std::size_t>(node)], phi);
        return;
    }
    const int feature = tree.feature[static_cast<std::size_t>(node)];
    const auto f = static_cast<std::size_t>(feature);
    const int xChild = tree.nextNode(node, m_x[feature]);
    const int zChild = tree.nextNode(node, m_z[feature]);
    if (xChild == zChild || m_side[f] != Side::Undecided) {
        walk(xChild == zChild || m_side[f] == Side::Foreground ? xChild : zChild, phi);
        return;
    }
    m_side[f] = Side::Foreground;
    m_foreground.push_back(feature);
    walk(xChild, phi);
    m_foreground.pop_back();
    m_side[f] = Side::Background;
    m_backgroundSet.push_back(feature);
    walk(zChild, phi);
    m_backgroundSet.pop_back();
    m_side[f] = Side::Undecided;
}

void Interventional::credit(double leafValue, double *phi) const
{
    const std::size_t u = m_foreground.size();
    const std::size_t v = m_backgroundSet.size();
    if (u > 0) {
        const double gain = leafValue * m_coefficient[u - 1][v];
        for (const int i : m_foreground)
            phi[i] += gain;
    }
    if (v > 0) {
        const double loss = leafValue * m_coefficient[u][v - 1];
        for (const int i : m_backgroundSet)
            phi[i] -= loss;
    }
}

} // namespace e2i::kernels::shap

