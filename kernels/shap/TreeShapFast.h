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
// several rows walk a tree together. Every per-point quantity is a "lane" (point k, row r at
// k * R + r), so each loop over a point's rows is a loop over whole vectors. Since p_j is 0 or
// 1, f_j(t_k) and its inverse take one of two values per edge and point, shared by all rows:
// the per-edge factors are computed once per edge, and each row picks its own with a select.
// A row's lanes see exactly the operations they would see with other rows beside it, and a
// single row is computed as a padded batch, so a row's values never depend on the rows walked
// with it, fused multiply-adds or not.
//
// Values are in margin space: phi[f] for f in [0, featureCount), the tree's expected value
// added to phi[featureCount] (the bias). Agrees with TreeShapClassic to rounding.
#include "GaussLegendre.h"
#include "PathDependentShap.h"
#include "common/CacheLineAllocator.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace e2i::kernels::shap {

class TreeShapFast final : public PathDependentShap {
public:
    // Rows per walk: each node's loads and per-edge factors are shared by more rows, while the
    // scratch stays in L1 at depth 8; 16 rows are 4 AVX2 vectors per point.
    static constexpr int kBatchRows = 16;

    // Buffers are sized once for trees up to `maxDepth` and `featureCount` features.
    TreeShapFast(int featureCount, int maxDepth);

    // Unconditioned: a batch of this one row. Conditioned (interaction values): the row alone.
    void addContributions(const XgbTree &tree, const double *row, double *phi, ShapCondition condition = {}) override;
    // addContributions for up to kBatchRows rows at once: rows[r]'s values go to phis[r].
    void addBatchContributions(const XgbTree &tree, std::span<const double *const> rows, std::span<double *const> phis);

private:
    // Per-depth scratch, one value per lane: the child's path product and subtree sum, and what
    // the splits below on the edge's own feature credited (G_shadowed; they add their subtree
    // sums here, see m_lastDepth).
    struct Frame {
        double *childProduct;
        double *childSum;
        double *shadowed;
        double *savedIfOne; // the FeatureInverses the child replaced, per point
        double *savedIfZero;
    };
    // A feature's factors on the path: 1 / f_j(t_k) for p_j = 1 and p_j = 0, per point.
    struct FeatureInverses {
        double *ifOne;
        double *ifZero;
    };
    // Per point, what an edge on feature j multiplies a lane's path product by, for a row that
    // follows this split and every earlier one on j (`stays`), follows the earlier ones but not
    // this one (`leaves`), or already left an earlier one (`absent`); and the quadrature weight
    // times the inverse factor its integral uses, for rows with p_j = 1 and p_j = 0.
    struct EdgeCoefficients {
        double *stays;
        double *leaves;
        double *absent;
        double *weightOne;
        double *weightZero;
    };

    template <int R>
    void run(const XgbTree &tree, std::span<const double *const> rows, std::span<double *const> phis,
             ShapCondition condition);
    void prefetchNodes() const;
    template <int R>
    void loadRows();
    // N > 0: the quadrature order fixed at compile time (the common depths); N == 0: m_points.
    // R: rows walking the tree together (1 or kBatchRows).
    template <int N, int R>
    void visit(int node, int depth, const double *pathProduct, double *subtreeSum);
    template <int R>
    void goesLeft(int node, double *left) const;
    template <int N, int R>
    void visitConditioned(int child, double share, int depth, const double *follows, const double *pathProduct,
                          double *subtreeSum);
    template <int R>
    static bool noneIsOne(const double *one);
    template <int N, int R>
    void visitPlayer(const FlatNode &split, int child, double share, int depth, const double *follows,
                     const double *pathProduct, double *subtreeSum);
    template <int N, int R, bool Repeats>
    void internalEdge(std::size_t j, int child, int depth, const double *one, double zero,
                      const double *pathProduct, double *subtreeSum);
    template <int N, int R>
    void leafEdge(std::size_t j, int leaf, int depth, const double *one, double zero, const double *pathProduct,
                  double *subtreeSum);
    template <int N, int R, bool Shadowed>
    void leafLanes(const EdgeCoefficients &c, const double *one, const double *rowOnes, const double *pathProduct,
                   double *outerShadowed, double *subtreeSum, double *integral);
    template <int N>
    int points() const
    {
        if constexpr (N > 0)
            return N;
        else
            return m_points;
    }
    Frame frame(int depth);
    // Scratch on whole cache lines: the lane loops read and write it in 512-bit vectors.
    template <class T>
    using Lines = std::vector<T, CacheLineAllocator<T>>;
    EdgeCoefficients coefficients(int depth);
    FeatureInverses inverses(std::size_t feature);

    int m_featureCount;
    int m_maxPoints;
    std::size_t m_laneStride; // kBatchRows * m_maxPoints
    std::vector<GaussLegendre> m_rules; // m_rules[n]: n nodes
    std::vector<std::vector<double>> m_inverseOneMinusT; // [n][k]: 1 / (1 - t_k) of rule n
    Lines<float> m_rowValues;  // featureCount x kBatchRows: the batch's values as float
    Lines<double> m_one;       // featureCount x kBatchRows: merged p_j of each row
    std::vector<double> m_zero;      // featureCount: merged q_j, the same for every row
    Lines<double> m_inverses;  // featureCount x 2 x points: FeatureInverses
    // featureCount: the depth of the deepest edge on the path that splits on the feature, -1
    // when none does. An edge on it adds its subtree sum to that edge's Frame::shadowed.
    std::vector<int> m_lastDepth;
    Lines<double> m_phi;       // featureCount x kBatchRows: the batch's values
    std::size_t m_frameStride;
    Lines<double> m_frames;    // (maxDepth + 1) x m_frameStride: Frame
    Lines<double> m_coefficients; // (maxDepth + 1) x 5 x points: EdgeCoefficients
    Lines<double> m_rootProduct;  // all ones
    Lines<double> m_rootSum;

    const XgbTree *m_tree = nullptr;
    const FlatNode *m_nodes = nullptr;
    std::array<const double *, kBatchRows> m_rows{}; // padded with the first row
    ShapCondition m_condition;
    int m_points = 1;
    const double *m_t = nullptr;
    const double *m_w = nullptr;
    const double *m_inverseOneMinusTk = nullptr;
};

} // namespace e2i::kernels::shap
