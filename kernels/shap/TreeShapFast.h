#pragma once
// Path-dependent TreeSHAP, exact, in O(N * ceil(D/2)) per tree and row (N nodes, depth D);
// the default algorithm. It is the formulation of Linear TreeShap (Yu, Bu, Chandra & Li,
// NeurIPS 2022, arXiv:2209.08192) with the polynomials evaluated at Gauss–Legendre nodes
// instead of kept as coefficients, as XGBoost's quadrature TreeSHAP does.
//
// For a leaf l with value v and path features F, merge the splits on each feature j into
//   p_j = 1 if the row follows all of them, else 0      q_j = product of cover(child)/cover(node)
// so that E[f | x_S] over this leaf is v * prod_{j in S} p_j * prod_{j not in S} q_j. Its Shapley
// value for i in F is (Owen's multilinear extension)
//   phi_i = v * (p_i - q_i) * integral_0^1 prod_{j != i} (q_j + t (p_j - q_j)) dt,
// a polynomial of degree < D: ceil(D/2) quadrature nodes integrate it exactly. One depth-first
// pass carries the path product down and the subtree sums G(t) = sum_l v_l prod_j(...) up; an
// edge on feature j credits phi_j with (p_j - q_j) * integral (G_child - G_shadowed) / f_j, where
// G_shadowed is what deeper splits on the same feature already credited.
//
// Values are in margin space: phi[f] for f in [0, featureCount), the tree's expected value
// added to phi[featureCount] (the bias). Agrees with TreeShapClassic to rounding.
#include "GaussLegendre.h"
#include "PathDependentShap.h"

#include <cstddef>
#include <vector>

namespace e2i::kernels::shap {

class TreeShapFast final : public PathDependentShap {
public:
    // Buffers are sized once for trees up to `maxDepth` and `featureCount` features.
    TreeShapFast(int featureCount, int maxDepth);

    void addContributions(const XgbTree &tree, const double *row, double *phi, ShapCondition condition = {}) override;

private:
    // Per-depth scratch: the child's path product and subtree sum, the shadow and the
    // 1/f_j(t) the child replaced (restored on the way back).
    struct Frame {
        double *childProduct;
        double *childSum;
        double *savedShadow;
        double *savedInverse;
    };

    // N > 0: the quadrature order fixed at compile time (the common depths); N == 0: m_points.
    template <int N>
    void visit(int node, int depth, const double *pathProduct, double *subtreeSum);
    template <int N>
    void visitConditioned(int child, int depth, double fraction, const double *pathProduct, double *subtreeSum);
    template <int N>
    void visitPlayer(int node, int child, int depth, bool followed, const double *pathProduct, double *subtreeSum);
    template <int N>
    void leafEdge(std::size_t j, int leaf, double one, double zero, const double *pathProduct, double *subtreeSum);
    template <int N>
    int points() const
    {
        if constexpr (N > 0)
            return N;
        else
            return m_points;
    }
    Frame frame(int depth);

    int m_featureCount;
    int m_maxPoints;
    std::vector<GaussLegendre> m_rules; // m_rules[n]: n nodes
    std::vector<double> m_one;          // merged p_j of the features on the current path
    std::vector<double> m_zero;         // merged q_j
    std::vector<double> m_inverse;      // featureCount x points: 1 / f_j(t_k) on the path
    std::vector<double> m_shadow;       // featureCount x points
    std::vector<double> m_frames;       // (maxDepth + 1) x 4 x points
    std::vector<double> m_rootProduct;  // all ones
    std::vector<double> m_rootSum;

    const XgbTree *m_tree = nullptr;
    const double *m_row = nullptr;
    double *m_phi = nullptr;
    ShapCondition m_condition;
    int m_points = 1;
    const double *m_t = nullptr;
    const double *m_w = nullptr;
};

} // namespace e2i::kernels::shap
