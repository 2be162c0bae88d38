#include "TreeShapFast.h"

#include <algorithm>

namespace e2i::kernels::shap {

namespace {
int pointsForDepth(int depth)
{
    return std::max(1, (depth + 1) / 2);
}
} // namespace

TreeShapFast::TreeShapFast(int featureCount, int maxDepth)
    : m_featureCount(featureCount)
    , m_maxPoints(pointsForDepth(maxDepth))
    , m_one(static_cast<std::size_t>(featureCount), 1.0)
    , m_zero(static_cast<std::size_t>(featureCount), 1.0)
{
    m_rules.resize(static_cast<std::size_t>(m_maxPoints) + 1);
    for (int n = 1; n <= m_maxPoints; ++n)
        m_rules[static_cast<std::size_t>(n)] = GaussLegendre::withPoints(n);
    const auto points = static_cast<std::size_t>(m_maxPoints);
    m_inverse.assign(static_cast<std::size_t>(featureCount) * points, 1.0);
    m_shadow.assign(static_cast<std::size_t>(featureCount) * points, 0.0);
    m_frames.assign(static_cast<std::size_t>(maxDepth + 1) * 4 * points, 0.0);
    m_rootProduct.assign(points, 1.0);
    m_rootSum.assign(points, 0.0);
}

void TreeShapFast::addContributions(const XgbTree &tree, const double *row, double *phi, ShapCondition condition)
{
    if (!condition.active())
        phi[m_featureCount] += tree.expectedValue;
    m_tree = &tree;
    m_row = row;
    m_phi = phi;
    m_condition = condition;
    m_points = pointsForDepth(tree.maxDepth);
    const GaussLegendre &rule = m_rules[static_cast<std::size_t>(m_points)];
    m_t = rule.nodes.data();
    m_w = rule.weights.data();
    const double *unit = m_rootProduct.data();
    double *total = m_rootSum.data();
    switch (m_points) {
    case 1: return visit<1>(0, 0, unit, total);
    case 2: return visit<2>(0, 0, unit, total);
    case 3: return visit<3>(0, 0, unit, total);
    case 4: return visit<4>(0, 0, unit, total);
    case 5: return visit<5>(0, 0, unit, total);
    case 6: return visit<6>(0, 0, unit, total);
    default: return visit<0>(0, 0, unit, total);
    }
}

TreeShapFast::Frame TreeShapFast::frame(int depth)
{
    const auto stride = static_cast<std::size_t>(m_maxPoints);
    double *base = m_frames.data() + static_cast<std::size_t>(depth) * 4 * stride;
    return Frame{base, base + stride, base + 2 * stride, base + 3 * stride};
}

template <int N>
void TreeShapFast::visit(int node, int depth, const double *pathProduct, double *subtreeSum)
{
    const auto n = static_cast<std::size_t>(node);
    const int count = points<N>();
    if (m_tree->isLeaf(node)) {
        const double v = m_tree->value[n];
        for (int k = 0; k < count; ++k)
            subtreeSum[k] = v * pathProduct[k];
        return;
    }
    std::fill_n(subtreeSum, count, 0.0);
    const int feature = m_tree->feature[n];
    const int followed = m_tree->nextNode(node, m_row[feature]);
    for (const int child : {m_tree->left[n], m_tree->right[n]}) {
        if (m_condition.active() && feature == m_condition.feature) {
            const double fraction = m_condition.sign > 0 ? (child == followed ? 1.0 : 0.0)
                                                         : m_tree->coverFraction[static_cast<std::size_t>(child)];
            visitConditioned<N>(child, depth, fraction, pathProduct, subtreeSum);
        } else {
            visitPlayer<N>(node, child, depth, child == followed, pathProduct, subtreeSum);
        }
    }
}

// The conditioned feature is no player: its fraction only scales the path.
template <int N>
void TreeShapFast::visitConditioned(int child, int depth, double fraction, const double *pathProduct,
                                    double *subtreeSum)
{
    if (fraction == 0.0)
        return;
    const int count = points<N>();
    const Frame f = frame(depth);
    for (int k = 0; k < count; ++k)
        f.childProduct[k] = pathProduct[k] * fraction;
    visit<N>(child, depth + 1, f.childProduct, f.childSum);
    for (int k = 0; k < count; ++k)
        subtreeSum[k] += f.childSum[k];
}

template <int N>
void TreeShapFast::visitPlayer(int node, int child, int depth, bool followed, const double *pathProduct,
                               double *subtreeSum)
{
    const auto j = static_cast<std::size_t>(m_tree->feature[static_cast<std::size_t>(node)]);
    const double oldOne = m_one[j];
    const double oldZero = m_zero[j];
    const double one = followed ? oldOne : 0.0;
    const double zero = oldZero * m_tree->coverFraction[static_cast<std::size_t>(child)];
    // Neither the row nor any training mass goes here: every leaf below weighs zero.
    if (one == 0.0 && zero == 0.0)
        return;

    if (m_tree->isLeaf(child))
        return leafEdge<N>(j, child, one, zero, pathProduct, subtreeSum);

    const int count = points<N>();
    const Frame f = frame(depth);
    const std::size_t stride = static_cast<std::size_t>(m_maxPoints);
    double *shadow = m_shadow.data() + j * stride;
    double *inverse = m_inverse.data() + j * stride;
    // f_j(t) = q + t (p - q) is never 0 at an interior node t once (p, q) != (0, 0); a feature
    // not yet on the path has inverse 1, so dividing out its old factor needs no branch.
    for (int k = 0; k < count; ++k) {
        const double factor = zero + m_t[k] * (one - zero);
        f.childProduct[k] = pathProduct[k] * inverse[k] * factor;
        f.savedInverse[k] = inverse[k];
        inverse[k] = 1.0 / factor;
        f.savedShadow[k] = shadow[k];
        shadow[k] = 0.0;
    }
    m_one[j] = one;
    m_zero[j] = zero;
    visit<N>(child, depth + 1, f.childProduct, f.childSum);

    if (one != zero) {
        double integral = 0.0;
        for (int k = 0; k < count; ++k)
            integral += m_w[k] * (f.childSum[k] - shadow[k]) * inverse[k];
        m_phi[j] += (one - zero) * integral;
    }
    for (int k = 0; k < count; ++k) {
        shadow[k] = f.savedShadow[k] + f.childSum[k];
        subtreeSum[k] += f.childSum[k];
        inverse[k] = f.savedInverse[k];
    }
    m_one[j] = oldOne;
    m_zero[j] = oldZero;
}

// An edge into a leaf, about half of all edges, short-cut: below a leaf nothing is shadowed,
// and f_j(t) cancels between the path product and the integrand, so no division is left.
template <int N>
void TreeShapFast::leafEdge(std::size_t j, int leaf, double one, double zero, const double *pathProduct,
                            double *subtreeSum)
{
    const int count = points<N>();
    const std::size_t stride = static_cast<std::size_t>(m_maxPoints);
    double *shadow = m_shadow.data() + j * stride;
    const double *inverse = m_inverse.data() + j * stride;
    const double v = m_tree->value[static_cast<std::size_t>(leaf)];
    double integral = 0.0;
    for (int k = 0; k < count; ++k) {
        const double withoutJ = pathProduct[k] * inverse[k];
        integral += m_w[k] * withoutJ;
        const double sum = v * withoutJ * (zero + m_t[k] * (one - zero));
        shadow[k] += sum;
        subtreeSum[k] += sum;
    }
    if (one != zero)
        m_phi[j] += (one - zero) * v * integral;
}

} // namespace e2i::kernels::shap
