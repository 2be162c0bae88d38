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
// Batches: the pass visits every node whatever the row, and q_j depends on the path only, so
// several rows walk a tree together. Every per-point quantity is a "lane" (row r, point k), and
// the loops run over all lanes at once, which the compiler vectorises. Since p_j is 0 or 1,
// f_j(t_k) and its inverse take one of two values per edge and point, shared by all rows: the
// divisions are done once per edge, not once per row. A row's lanes see exactly the operations
// they would see alone, so a row's values do not depend on the rows batched with it.
//
// Values are in margin space: phi[f] for f in [0, featureCount), the tree's expected value
// added to phi[featureCount] (the bias). Agrees with TreeShapClassic to rounding.
#include "GaussLegendre.h"
#include "PathDependentShap.h"

#include <cstddef>
#include <span>
#include <vector>

namespace e2i::kernels::shap {

class TreeShapFast final : public PathDependentShap {
public:
    // Rows per addBatchContributions call: each node's loads and branches are shared by more
    // rows, while the scratch (features x lanes x 2, plus 4 lanes per depth) stays in L1 at
    // depth 8. 8 rows ran ~10 % faster than 4 at depth 8 (bench_vs_xgboost, one thread).
    static constexpr int kBatchRows = 16;

    // Buffers are sized once for trees up to `maxDepth` and `featureCount` features.
    TreeShapFast(int featureCount, int maxDepth);

    void addContributions(const XgbTree &tree, const double *row, double *phi, ShapCondition condition = {}) override;
    // addContributions for kBatchRows rows at once: rows[r]'s values go to phis[r]; the same
    // numbers, bit for bit, as kBatchRows single-row calls.
    void addBatchContributions(const XgbTree &tree, std::span<const double *const, kBatchRows> rows,
                               std::span<double *const, kBatchRows> phis);

private:
    // Per-depth scratch: the child's path product and subtree sum, the shadow and the
    // 1/f_j(t) the child replaced (restored on the way back); one value per lane.
    struct Frame {
        double *childProduct;
        double *childSum;
        double *savedShadow;
        double *savedInverse;
    };
    // f_j(t_k) and 1/f_j(t_k) of an edge for p_j = 0 (not followed) and p_j = 1, per point.
    struct EdgeFactors {
        const double *notFollowed;
        const double *followed;
        const double *inverseNotFollowed;
        const double *inverseFollowed;
    };

    // N > 0: the quadrature order fixed at compile time (the common depths); N == 0: m_points.
    // R: rows walking the tree together (1 or kBatchRows). Lane r * points + k.
    template <int R>
    void run(const XgbTree &tree, const double *const *rows, double *const *phis, ShapCondition condition);
    template <int N, int R>
    void visit(int node, int depth, const double *pathProduct, double *subtreeSum);
    // followed[r]: the child row r goes to from the parent.
    template <int N, int R>
    void visitConditioned(int child, int depth, const int *followed, const double *pathProduct, double *subtreeSum);
    template <int N, int R>
    void visitPlayer(int node, int child, int depth, const int *followed, const double *pathProduct,
                     double *subtreeSum);
    template <int N, int R>
    void leafEdge(std::size_t j, int leaf, const double *one, double zero, const EdgeFactors &factors,
                  const double *pathProduct, double *subtreeSum);
    template <int N>
    int points() const
    {
        if constexpr (N > 0)
            return N;
        else
            return m_points;
    }
    template <int N>
    EdgeFactors edgeFactors(double zero, bool withInverses);
    Frame frame(int depth);

    int m_featureCount;
    int m_maxPoints;
    std::size_t m_laneStride; // kBatchRows * m_maxPoints
    std::vector<GaussLegendre> m_rules; // m_rules[n]: n nodes
    std::vector<double> m_one;          // featureCount x kBatchRows: merged p_j of each row
    std::vector<double> m_zero;         // featureCount: merged q_j, the same for every row
    std::vector<double> m_inverse;      // featureCount x lanes: 1 / f_j(t_k) on the path
    std::vector<double> m_shadow;       // featureCount x lanes
    std::vector<double> m_frames;       // (maxDepth + 1) x 4 x lanes
    std::vector<double> m_edge;         // 4 x points: the EdgeFactors of the edge being entered
    std::vector<std::vector<double>> m_inverseOneMinusT; // [n][k]: 1 / (1 - t_k) of rule n
    std::vector<double> m_rootProduct;  // all ones
    std::vector<double> m_rootSum;

    const XgbTree *m_tree = nullptr;
    const double *const *m_rows = nullptr;
    double *const *m_phis = nullptr;
    ShapCondition m_condition;
    int m_points = 1;
    const double *m_t = nullptr;
    const double *m_w = nullptr;
    const double *m_inverseOneMinusTk = nullptr;
};

} // namespace e2i::kernels::shap
