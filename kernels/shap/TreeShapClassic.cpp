#include "TreeShapClassic.h"

#include <algorithm>

namespace e2i::kernels::shap {

TreeShapClassic::TreeShapClassic(int featureCount, int maxDepth)
    : m_featureCount(featureCount)
    // Each level copies its parent's path (at most depth + 1 long) into a fresh segment after it.
    , m_paths(static_cast<std::size_t>((maxDepth + 2) * (maxDepth + 3) / 2 + 1))
{
}

void TreeShapClassic::addContributions(const XgbTree &tree, const double *row, double *phi, ShapCondition condition)
{
    if (!condition.active())
        phi[m_featureCount] += tree.expectedValue;
    m_tree = &tree;
    m_row = row;
    m_phi = phi;
    m_condition = condition;
    recurse(m_paths.data(), Step{0, 0, 1.0, 1.0, -1, 1.0});
}

void TreeShapClassic::recurse(PathElement *parentPath, const Step &step)
{
    // A branch neither the row nor any training mass takes adds nothing (and would divide by zero).
    if (step.conditionFraction == 0.0 || (step.zeroFraction == 0.0 && step.oneFraction == 0.0))
        return;
    const int depth = step.depth;
    // A conditioned split adds no element, so the child also needs the parent's last one.
    PathElement *path = parentPath + depth + 1;
    std::copy_n(parentPath, depth + 1, path);
    const bool conditioned = m_condition.active() && step.feature == m_condition.feature;
    if (!conditioned)
        extend(path, depth, step.zeroFraction, step.oneFraction, step.feature);

    const auto n = static_cast<std::size_t>(step.node);
    if (m_tree->isLeaf(step.node)) {
        for (int i = 1; i <= depth; ++i) {
            const double w = unwoundSum(path, depth, i);
            const PathElement &e = path[i];
            m_phi[e.feature] += w * (e.oneFraction - e.zeroFraction) * m_tree->value[n] * step.conditionFraction;
        }
        return;
    }
    splitNode(path, depth, step);
}

void TreeShapClassic::splitNode(PathElement *path, int uniqueDepth, const Step &step)
{
    const XgbTree &tree = *m_tree;
    const auto n = static_cast<std::size_t>(step.node);
    const int feature = tree.feature[n];
    const int hot = tree.nextNode(step.node, m_row[feature]);
    const int cold = hot == tree.left[n] ? tree.right[n] : tree.left[n];
    const double hotZero = tree.cover[static_cast<std::size_t>(hot)] / tree.cover[n];
    const double coldZero = tree.cover[static_cast<std::size_t>(cold)] / tree.cover[n];

    // A feature met again: its earlier split leaves the path and the fractions multiply.
    double incomingZero = 1.0;
    double incomingOne = 1.0;
    int previous = 1;
    while (previous <= uniqueDepth && path[previous].feature != feature)
        ++previous;
    if (previous <= uniqueDepth) {
        incomingZero = path[previous].zeroFraction;
        incomingOne = path[previous].oneFraction;
        unwind(path, uniqueDepth, previous);
        --uniqueDepth;
    }

    double hotCondition = step.conditionFraction;
    double coldCondition = step.conditionFraction;
    if (m_condition.active() && feature == m_condition.feature) {
        if (m_condition.sign > 0) {
            coldCondition = 0.0;
        } else {
            hotCondition *= hotZero;
            coldCondition *= coldZero;
        }
        --uniqueDepth;
    }
    recurse(path, Step{hot, uniqueDepth + 1, hotZero * incomingZero, incomingOne, feature, hotCondition});
    recurse(path, Step{cold, uniqueDepth + 1, coldZero * incomingZero, 0.0, feature, coldCondition});
}

void TreeShapClassic::extend(PathElement *path, int depth, double zeroFraction, double oneFraction, int feature)
{
    path[depth] = PathElement{feature, zeroFraction, oneFraction, depth == 0 ? 1.0 : 0.0};
    for (int i = depth - 1; i >= 0; --i) {
        path[i + 1].weight += oneFraction * path[i].weight * (i + 1) / (depth + 1);
        path[i].weight = zeroFraction * path[i].weight * (depth - i) / (depth + 1);
    }
}

void TreeShapClassic::unwind(PathElement *path, int depth, int index)
{
    const double one = path[index].oneFraction;
    const double zero = path[index].zeroFraction;
    double next = path[depth].weight;
    for (int i = depth - 1; i >= 0; --i) {
        if (one != 0.0) {
            const double saved = path[i].weight;
            path[i].weight = next * (depth + 1) / ((i + 1) * one);
            next = saved - path[i].weight * zero * (depth - i) / (depth + 1);
        } else {
            path[i].weight = path[i].weight * (depth + 1) / (zero * (depth - i));
        }
    }
    for (int i = index; i < depth; ++i) {
        path[i].feature = path[i + 1].feature;
        path[i].zeroFraction = path[i + 1].zeroFraction;
        path[i].oneFraction = path[i + 1].oneFraction;
    }
}

// The total permutation weight if the element at `index` were unwound, without changing the path.
double TreeShapClassic::unwoundSum(const PathElement *path, int depth, int index)
{
    const double one = path[index].oneFraction;
    const double zero = path[index].zeroFraction;
    double next = path[depth].weight;
    double total = 0.0;
    for (int i = depth - 1; i >= 0; --i) {
        if (one != 0.0) {
            const double w = next * (depth + 1) / ((i + 1) * one);
            total += w;
            next = path[i].weight - w * zero * (depth - i) / (depth + 1);
        } else {
            total += path[i].weight * (depth + 1) / (zero * (depth - i));
        }
    }
    return total;
}

} // namespace e2i::kernels::shap
