#include "XgbTree.h"

#include <algorithm>

namespace e2i::kernels::shap {

namespace {

// The tree's prediction averaged over the training mass: each split sends cover(child) /
// cover(node) of the mass to each child. This is the TreeSHAP bias (XGBoost's node mean).
double subtreeExpectation(const XgbTree &tree, int node)
{
    const auto n = static_cast<std::size_t>(node);
    if (tree.isLeaf(node))
        return tree.value[n];
    const auto l = static_cast<std::size_t>(tree.left[n]);
    const auto r = static_cast<std::size_t>(tree.right[n]);
    return (subtreeExpectation(tree, tree.left[n]) * tree.cover[l]
            + subtreeExpectation(tree, tree.right[n]) * tree.cover[r])
        / tree.cover[n];
}

int subtreeDepth(const XgbTree &tree, int node)
{
    if (tree.isLeaf(node))
        return 0;
    const auto n = static_cast<std::size_t>(node);
    return 1 + std::max(subtreeDepth(tree, tree.left[n]), subtreeDepth(tree, tree.right[n]));
}

// Only nodes reachable from the root: XGBoost's deleted nodes may hold stale child indices.
void fillCoverFractions(XgbTree &tree, int node)
{
    if (tree.isLeaf(node))
        return;
    const auto n = static_cast<std::size_t>(node);
    for (const int child : {tree.left[n], tree.right[n]}) {
        const auto c = static_cast<std::size_t>(child);
        tree.coverFraction[c] = tree.cover[c] / tree.cover[n];
        fillCoverFractions(tree, child);
    }
}

FlatNode flatNode(const XgbTree &tree, int node)
{
    const auto n = static_cast<std::size_t>(node);
    FlatNode flat;
    if (tree.isLeaf(node)) {
        flat.value = tree.value[n];
        return flat;
    }
    flat.left = tree.left[n];
    flat.right = tree.right[n];
    flat.feature = static_cast<std::uint32_t>(tree.feature[n]);
    flat.defaultLeft = tree.defaultLeft[n] != 0;
    flat.categorical = tree.isCategorical(node);
    flat.threshold = tree.threshold[n];
    flat.leftShare = tree.coverFraction[static_cast<std::size_t>(flat.left)];
    flat.rightShare = tree.coverFraction[static_cast<std::size_t>(flat.right)];
    return flat;
}

// Marks the edge from each split on `path` into the subtree holding `node` when the split's
// feature is the node's: that subtree splits on it again.
void markRepeats(XgbTree &tree, const std::vector<int> &path, int node)
{
    const FlatNode &split = tree.flatNodes[static_cast<std::size_t>(node)];
    for (std::size_t d = 0; d < path.size(); ++d) {
        FlatNode &ancestor = tree.flatNodes[static_cast<std::size_t>(path[d])];
        if (ancestor.feature != split.feature)
            continue;
        const int below = d + 1 < path.size() ? path[d + 1] : node;
        if (below == ancestor.left)
            ancestor.leftRepeats = 1;
        else
            ancestor.rightRepeats = 1;
    }
}

// Only nodes reachable from the root, as for the cover fractions; the others stay leaves.
// `path`: the splits from the root down to the node's parent.
void fillFlatNodes(XgbTree &tree, int node, std::vector<int> &path)
{
    tree.flatNodes[static_cast<std::size_t>(node)] = flatNode(tree, node);
    if (tree.isLeaf(node))
        return;
    markRepeats(tree, path, node);
    path.push_back(node);
    fillFlatNodes(tree, tree.left[static_cast<std::size_t>(node)], path);
    fillFlatNodes(tree, tree.right[static_cast<std::size_t>(node)], path);
    path.pop_back();
}

// In the order of the nodes; only reachable splits (the others are leaves in flatNodes).
void fillSplitFeatures(XgbTree &tree)
{
    tree.splitFeatures.clear();
    std::vector<bool> seen;
    for (const FlatNode &node : tree.flatNodes) {
        if (node.isLeaf())
            continue;
        if (node.feature >= seen.size())
            seen.resize(node.feature + 1, false);
        if (!seen[node.feature]) {
            seen[node.feature] = true;
            tree.splitFeatures.push_back(node.feature);
        }
    }
}

} // namespace

void summarizeTree(XgbTree &tree)
{
    tree.coverFraction.assign(tree.left.size(), 1.0);
    fillCoverFractions(tree, 0);
    tree.maxDepth = subtreeDepth(tree, 0);
    tree.expectedValue = subtreeExpectation(tree, 0);
    tree.flatNodes.assign(tree.left.size(), FlatNode{});
    std::vector<int> path;
    fillFlatNodes(tree, 0, path);
    fillSplitFeatures(tree);
}

} // namespace e2i::kernels::shap
