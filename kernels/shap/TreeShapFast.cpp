#include "TreeShapFast.h"

#include "common/CpuDispatch.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

namespace e2i::kernels::shap {

// `#pragma GCC ivdep` on the lane loops: the buffers one loop touches never overlap (this
// depth's frame, the parent's frame, an outer split's shadow), and saying so lets GCC
// vectorise them without run-time alias checks. Reductions (the integrals) stay in point
// order. The walk is compiled for generic x86-64, for AVX2 and FMA, and for AVX-512, where a
// point's 16 rows are two 512-bit vectors (common/CpuDispatch.h). Only `visit` is cloned and
// recursive; the edge functions are inlined into it, so a node costs one call (before: three
// per edge into an inner node, two per edge into a leaf). A single row goes through the same
// batched code as any other, so fused multiply-adds cannot make it round differently from a
// batched one.

namespace {
int pointsForDepth(int depth)
{
    return std::max(1, (depth + 1) / 2);
}

// Rounded up to whole 64-byte cache lines, so that every frame's lane arrays start on one.
std::size_t wholeLines(std::size_t doubles)
{
    return (doubles + 7) / 8 * 8;
}
} // namespace

TreeShapFast::TreeShapFast(int featureCount, int maxDepth)
    : m_featureCount(featureCount)
    , m_maxPoints(pointsForDepth(maxDepth))
    , m_laneStride(static_cast<std::size_t>(kBatchRows * m_maxPoints))
    , m_frameStride(3 * m_laneStride + wholeLines(2 * static_cast<std::size_t>(m_maxPoints)))
{
    m_rules.resize(static_cast<std::size_t>(m_maxPoints) + 1);
    m_inverseOneMinusT.resize(m_rules.size());
    for (int n = 1; n <= m_maxPoints; ++n) {
        const auto index = static_cast<std::size_t>(n);
        m_rules[index] = GaussLegendre::withPoints(n);
        for (const double t : m_rules[index].nodes)
            m_inverseOneMinusT[index].push_back(1.0 / (1.0 - t));
    }
    const auto features = static_cast<std::size_t>(featureCount);
    const auto points = static_cast<std::size_t>(m_maxPoints);
    const auto levels = static_cast<std::size_t>(maxDepth + 1);
    m_rowValues.assign(features * kBatchRows, 0.0f);
    m_one.assign(features * kBatchRows, 1.0);
    m_zero.assign(features, 1.0);
    m_inverses.assign(features * 2 * points, 1.0);
    m_lastDepth.assign(features, -1);
    m_phi.assign(features * kBatchRows, 0.0);
    m_frames.assign(levels * m_frameStride, 0.0);
    m_coefficients.assign(levels * 5 * points, 0.0);
    m_rootProduct.assign(m_laneStride, 1.0);
    m_rootSum.assign(m_laneStride, 0.0);
}

void TreeShapFast::addContributions(const XgbTree &tree, const double *row, double *phi, ShapCondition condition)
{
    const std::array<const double *, 1> rows{row};
    const std::array<double *, 1> phis{phi};
    if (condition.active())
        run<1>(tree, rows, phis, condition);
    else
        run<kBatchRows>(tree, rows, phis, condition);
}

void TreeShapFast::addBatchContributions(const XgbTree &tree, std::span<const double *const> rows,
                                         std::span<double *const> phis)
{
    run<kBatchRows>(tree, rows, phis, {});
}

template <int R>
void TreeShapFast::run(const XgbTree &tree, std::span<const double *const> rows, std::span<double *const> phis,
                       ShapCondition condition)
{
    m_tree = &tree;
    m_nodes = tree.flatNodes.data();
    for (std::size_t r = 0; r < m_rows.size(); ++r)
        m_rows[r] = rows[r < rows.size() ? r : 0];
    m_condition = condition;
    m_points = pointsForDepth(tree.maxDepth);
    const auto rule = static_cast<std::size_t>(m_points);
    m_t = m_rules[rule].nodes.data();
    m_w = m_rules[rule].weights.data();
    m_inverseOneMinusTk = m_inverseOneMinusT[rule].data();
    // Only the split features' rows of the batch buffers are filled and written back, so a
    // model with many features and small trees does not pay per feature.
    prefetchNodes();
    loadRows<R>();
    for (const std::size_t f : tree.splitFeatures)
        for (std::size_t r = 0; r < kBatchRows; ++r)
            m_phi[f * kBatchRows + r] = r < phis.size() ? phis[r][f] : 0.0;
    const double *unit = m_rootProduct.data();
    double *total = m_rootSum.data();
    switch (m_points) {
    case 1: visit<1, R>(0, 0, unit, total); break;
    case 2: visit<2, R>(0, 0, unit, total); break;
    case 3: visit<3, R>(0, 0, unit, total); break;
    case 4: visit<4, R>(0, 0, unit, total); break;
    case 5: visit<5, R>(0, 0, unit, total); break;
    case 6: visit<6, R>(0, 0, unit, total); break;
    default: visit<0, R>(0, 0, unit, total); break;
    }
    const auto features = static_cast<std::size_t>(m_featureCount);
    for (std::size_t r = 0; r < phis.size(); ++r) {
        for (const std::size_t f : tree.splitFeatures)
            phis[r][f] = m_phi[f * kBatchRows + r];
        if (!condition.active())
            phis[r][features] += tree.expectedValue;
    }
}

// The whole tree asked for at once, before the walk: its nodes (32 bytes each, 12 KB at depth 8)
// then arrive in parallel instead of one cache miss after another down each path.
void TreeShapFast::prefetchNodes() const
{
    const auto *bytes = reinterpret_cast<const char *>(m_nodes);
    const std::size_t size = m_tree->flatNodes.size() * sizeof(FlatNode);
    constexpr std::size_t kCacheLine = 64;
    for (std::size_t offset = 0; offset < size; offset += kCacheLine)
        __builtin_prefetch(bytes + offset);
}

// Feature-major, as the splits read them: one vector load per split for the whole batch.
// XGBoost compares in float, so the values are kept as float.
template <int R>
void TreeShapFast::loadRows()
{
    for (const std::size_t f : m_tree->splitFeatures)
        for (std::size_t r = 0; r < R; ++r)
            m_rowValues[f * kBatchRows + r] = static_cast<float>(m_rows[r][f]);
}

[[gnu::always_inline]] inline TreeShapFast::Frame TreeShapFast::frame(int depth)
{
    double *base = m_frames.data() + static_cast<std::size_t>(depth) * m_frameStride;
    double *saved = base + 3 * m_laneStride;
    return Frame{base, base + m_laneStride, base + 2 * m_laneStride, saved, saved + m_maxPoints};
}

[[gnu::always_inline]] inline TreeShapFast::EdgeCoefficients TreeShapFast::coefficients(int depth)
{
    const auto points = static_cast<std::size_t>(m_maxPoints);
    double *base = m_coefficients.data() + static_cast<std::size_t>(depth) * 5 * points;
    return EdgeCoefficients{base, base + points, base + 2 * points, base + 3 * points, base + 4 * points};
}

[[gnu::always_inline]] inline TreeShapFast::FeatureInverses TreeShapFast::inverses(std::size_t feature)
{
    double *base = m_inverses.data() + feature * 2 * static_cast<std::size_t>(m_maxPoints);
    return FeatureInverses{base, base + m_maxPoints};
}

// left[r] = 1 when row r goes to the node's left child, else 0.
template <int R>
[[gnu::always_inline]] inline void TreeShapFast::goesLeft(int node, double *left) const
{
    const FlatNode &split = m_nodes[node];
    if (split.categorical) {
        for (int r = 0; r < R; ++r)
            left[r] = m_tree->nextNode(node, m_rows[static_cast<std::size_t>(r)][split.feature]) == split.left ? 1.0 : 0.0;
        return;
    }
    const float *x = m_rowValues.data() + std::size_t{split.feature} * kBatchRows;
    const float threshold = split.threshold;
    // A select between two doubles: a bool select made GCC build the mask bit by bit.
    const double missing = split.defaultLeft ? 1.0 : 0.0;
    for (int r = 0; r < R; ++r) {
        const double compared = x[r] < threshold ? 1.0 : 0.0;
        left[r] = std::isnan(x[r]) ? missing : compared;
    }
}

template <int N, int R>
E2I_CPU_CLONES_AVX512 void TreeShapFast::visit(int node, int depth, const double *pathProduct, double *subtreeSum)
{
    const FlatNode &split = m_nodes[node];
    const int lanes = R * points<N>();
    if (split.isLeaf()) {
        const double v = split.value;
        #pragma GCC ivdep
        for (int l = 0; l < lanes; ++l)
            subtreeSum[l] = v * pathProduct[l];
        return;
    }
    std::fill_n(subtreeSum, lanes, 0.0);
    std::array<double, R> left;
    std::array<double, R> right;
    goesLeft<R>(node, left.data());
    for (int r = 0; r < R; ++r)
        right[r] = 1.0 - left[r];
    if (m_condition.active() && static_cast<int>(split.feature) == m_condition.feature) {
        visitConditioned<N, R>(split.left, split.leftShare, depth, left.data(), pathProduct, subtreeSum);
        visitConditioned<N, R>(split.right, split.rightShare, depth, right.data(), pathProduct, subtreeSum);
        return;
    }
    visitPlayer<N, R>(split, split.left, split.leftShare, depth, left.data(), pathProduct, subtreeSum);
    visitPlayer<N, R>(split, split.right, split.rightShare, depth, right.data(), pathProduct, subtreeSum);
}

// The conditioned feature is no player: its fraction only scales the path. follows[r]: 1 when
// row r goes to this child.
template <int N, int R>
[[gnu::always_inline]] inline void TreeShapFast::visitConditioned(int child, double share, int depth,
                                                                  const double *follows, const double *pathProduct,
                                                                  double *subtreeSum)
{
    std::array<double, R> fraction;
    bool anyMass = false;
    for (int r = 0; r < R; ++r) {
        fraction[r] = m_condition.sign > 0 ? follows[r] : share;
        anyMass = anyMass || fraction[r] != 0.0;
    }
    if (!anyMass)
        return;
    const int count = points<N>();
    const Frame f = frame(depth);
    for (int k = 0; k < count; ++k)
        #pragma GCC ivdep
        for (int r = 0; r < R; ++r)
            f.childProduct[k * R + r] = pathProduct[k * R + r] * fraction[r];
    visit<N, R>(child, depth + 1, f.childProduct, f.childSum);
    #pragma GCC ivdep
    for (int l = 0; l < R * count; ++l)
        subtreeSum[l] += f.childSum[l];
}

// Ones are 1.0 or 0.0: OR-ing their bits tells whether any is 1, in vector registers.
template <int R>
[[gnu::always_inline]] inline bool TreeShapFast::noneIsOne(const double *one)
{
    std::uint64_t anyOne = 0;
    for (int r = 0; r < R; ++r)
        anyOne |= std::bit_cast<std::uint64_t>(one[r]);
    return anyOne == 0;
}

// follows[r]: 1 when row r goes to this child, else 0. one[r]: the merged p_j of row r below
// this edge (0 unless it follows this split and every earlier one on j); zero: the merged q_j.
template <int N, int R>
[[gnu::always_inline]] inline void TreeShapFast::visitPlayer(const FlatNode &split, int child, double share,
                                                             int depth, const double *follows,
                                                             const double *pathProduct, double *subtreeSum)
{
    const std::size_t j = split.feature;
    const double *rowOnes = m_one.data() + j * kBatchRows;
    std::array<double, R> one;
    for (int r = 0; r < R; ++r)
        one[r] = follows[r] * rowOnes[r];
    const double zero = m_zero[j] * share;
    // Neither a row nor any training mass goes here: every leaf below weighs zero. Training
    // mass almost always does, so the rows are only looked at (a reduction across the
    // vectors) when it does not.
    if (zero == 0.0 && noneIsOne<R>(one.data()))
        return;
    if (m_nodes[child].isLeaf())
        leafEdge<N, R>(j, child, depth, one.data(), zero, pathProduct, subtreeSum);
    else if (child == split.left ? split.leftRepeats : split.rightRepeats)
        internalEdge<N, R, true>(j, child, depth, one.data(), zero, pathProduct, subtreeSum);
    else
        internalEdge<N, R, false>(j, child, depth, one.data(), zero, pathProduct, subtreeSum);
}

// f_j(t_k) = q + t_k (p - q) for p = 1 and p = 0. A factor of 0 (q = 0, p = 0: no mass
// reaches the child) gets the inverse 0, so the zero path product it leaves below stays 0
// instead of becoming 0 * inf. A feature not yet on the path has inverses 1, so dividing out
// its old factor needs no branch. Repeats: the child's subtree splits on j again, so the edge
// keeps a shadow; without one, nothing is shadowed (the stores and loads of zeros skipped).
template <int N, int R, bool Repeats>
[[gnu::always_inline]] inline void TreeShapFast::internalEdge(std::size_t j, int child, int depth,
                                                              const double *one, double zero,
                                                              const double *pathProduct, double *subtreeSum)
{
    const int count = points<N>();
    const Frame f = frame(depth);
    const EdgeCoefficients c = coefficients(depth);
    const FeatureInverses inverse = inverses(j);
    const double inverseZero = zero != 0.0 ? 1.0 / zero : 0.0;
    #pragma GCC ivdep
    for (int k = 0; k < count; ++k) {
        const double followed = zero + m_t[k] * (1.0 - zero);
        const double notFollowed = zero - m_t[k] * zero;
        const double inverseFollowed = 1.0 / followed;
        const double inverseNotFollowed = inverseZero * m_inverseOneMinusTk[k];
        c.stays[k] = inverse.ifOne[k] * followed;
        c.leaves[k] = inverse.ifOne[k] * notFollowed;
        c.absent[k] = inverse.ifZero[k] * notFollowed;
        c.weightOne[k] = m_w[k] * inverseFollowed;
        c.weightZero[k] = m_w[k] * inverseNotFollowed;
        f.savedIfOne[k] = inverse.ifOne[k];
        f.savedIfZero[k] = inverse.ifZero[k];
        inverse.ifOne[k] = inverseFollowed;
        inverse.ifZero[k] = inverseNotFollowed;
    }
    double *rowOnes = m_one.data() + j * kBatchRows;
    for (int k = 0; k < count; ++k) {
        const double stays = c.stays[k], leaves = c.leaves[k], absent = c.absent[k];
        const int l0 = k * R;
        #pragma GCC ivdep
        for (int r = 0; r < R; ++r) {
            const double ifNotFollowed = rowOnes[r] != 0.0 ? leaves : absent;
            const double factor = one[r] != 0.0 ? stays : ifNotFollowed;
            f.childProduct[l0 + r] = pathProduct[l0 + r] * factor;
            if constexpr (Repeats)
                f.shadowed[l0 + r] = 0.0;
        }
    }
    std::array<double, R> savedOne;
    std::copy_n(rowOnes, R, savedOne.data());
    std::copy_n(one, R, rowOnes);
    const double savedZero = m_zero[j];
    m_zero[j] = zero;
    const int outerDepth = m_lastDepth[j];
    m_lastDepth[j] = depth;

    visit<N, R>(child, depth + 1, f.childProduct, f.childSum);

    std::array<double, R> integral{};
    for (int k = 0; k < count; ++k) {
        const double weightOne = c.weightOne[k], weightZero = c.weightZero[k];
        const int l0 = k * R;
        #pragma GCC ivdep
        for (int r = 0; r < R; ++r) {
            const double weight = one[r] != 0.0 ? weightOne : weightZero;
            if constexpr (Repeats)
                integral[r] += (f.childSum[l0 + r] - f.shadowed[l0 + r]) * weight;
            else
                integral[r] += f.childSum[l0 + r] * weight;
        }
    }
    double *phi = m_phi.data() + j * kBatchRows;
    #pragma GCC ivdep
    for (int r = 0; r < R; ++r) {
        // Computed whatever the select picks, so that the loop is vectorised: GCC does not
        // if-convert a multiplication, which could raise a floating-point exception.
        const double credit = (one[r] - zero) * integral[r];
        phi[r] += one[r] != zero ? credit : 0.0;
    }
    if (outerDepth >= 0) {
        double *outerShadowed = frame(outerDepth).shadowed;
        #pragma GCC ivdep
        for (int l = 0; l < R * count; ++l)
            outerShadowed[l] += f.childSum[l];
    }
    #pragma GCC ivdep
    for (int l = 0; l < R * count; ++l)
        subtreeSum[l] += f.childSum[l];
    m_lastDepth[j] = outerDepth;
    std::copy_n(savedOne.data(), R, rowOnes);
    m_zero[j] = savedZero;
    std::copy_n(f.savedIfOne, count, inverse.ifOne);
    std::copy_n(f.savedIfZero, count, inverse.ifZero);
}

// A leaf edge's lanes: each lane's share of the leaf added to the subtree sum and, when a split
// above is on the same feature (Shadowed), to that split's shadow; the integral per row.
template <int N, int R, bool Shadowed>
[[gnu::always_inline]] inline void TreeShapFast::leafLanes(const EdgeCoefficients &c, const double *one,
                                                           const double *rowOnes, const double *pathProduct,
                                                           double *outerShadowed, double *subtreeSum,
                                                           double *integral)
{
    for (int k = 0; k < points<N>(); ++k) {
        const double stays = c.stays[k], leaves = c.leaves[k], absent = c.absent[k];
        const double weightOne = c.weightOne[k], weightZero = c.weightZero[k];
        const int l0 = k * R;
        #pragma GCC ivdep
        for (int r = 0; r < R; ++r) {
            const double product = pathProduct[l0 + r];
            const double ifNotFollowed = rowOnes[r] != 0.0 ? leaves : absent;
            const double sum = product * (one[r] != 0.0 ? stays : ifNotFollowed);
            if constexpr (Shadowed)
                outerShadowed[l0 + r] += sum;
            subtreeSum[l0 + r] += sum;
            integral[r] += product * (rowOnes[r] != 0.0 ? weightOne : weightZero);
        }
    }
}

// An edge into a leaf, about half of all edges, short-cut: below a leaf nothing is shadowed,
// and f_j(t) cancels between the path product and the integrand, so no new inverse is needed.
template <int N, int R>
[[gnu::always_inline]] inline void TreeShapFast::leafEdge(std::size_t j, int leaf, int depth, const double *one,
                                                          double zero, const double *pathProduct,
                                                          double *subtreeSum)
{
    const int count = points<N>();
    const EdgeCoefficients c = coefficients(depth);
    const FeatureInverses inverse = inverses(j);
    const double v = m_nodes[leaf].value;
    #pragma GCC ivdep
    for (int k = 0; k < count; ++k) {
        const double followed = zero + m_t[k] * (1.0 - zero);
        const double notFollowed = zero - m_t[k] * zero;
        c.stays[k] = v * (inverse.ifOne[k] * followed);
        c.leaves[k] = v * (inverse.ifOne[k] * notFollowed);
        c.absent[k] = v * (inverse.ifZero[k] * notFollowed);
        c.weightOne[k] = m_w[k] * inverse.ifOne[k];
        c.weightZero[k] = m_w[k] * inverse.ifZero[k];
    }
    const double *rowOnes = m_one.data() + j * kBatchRows;
    const int outerDepth = m_lastDepth[j];
    std::array<double, R> integral{};
    if (outerDepth >= 0)
        leafLanes<N, R, true>(c, one, rowOnes, pathProduct, frame(outerDepth).shadowed, subtreeSum, integral.data());
    else
        leafLanes<N, R, false>(c, one, rowOnes, pathProduct, nullptr, subtreeSum, integral.data());
    double *phi = m_phi.data() + j * kBatchRows;
    #pragma GCC ivdep
    for (int r = 0; r < R; ++r) {
        const double credit = (one[r] - zero) * v * integral[r];
        phi[r] += one[r] != zero ? credit : 0.0;
    }
}

} // namespace e2i::kernels::shap
