#include "XgbTreeReader.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

namespace e2i::kernels::shap {

namespace {

// Deeper trees are certainly corrupt, and the SHAP recursions must stay far from the stack limit.
constexpr int kMaxTreeDepth = 128;

void rejectUnsupportedTree(const XgbJsonField &tree)
{
    const XgbJsonField param = tree["tree_param"];
    if (param.has("size_leaf_vector") && param["size_leaf_vector"].integer() > 1)
        param["size_leaf_vector"].fail("vector-leaf (multi-output) trees are not supported");
}

// Walks the nodes reachable from the root; a node reached twice means a cycle or a shared
// child. Unreachable nodes (XGBoost's deleted ones) are left alone.
void validateStructure(const XgbTree &tree, const XgbJsonField &json, int featureCount)
{
    const int n = tree.nodeCount();
    if (n == 0)
        json["left_children"].fail("the tree has no nodes");
    std::vector<std::uint8_t> seen(static_cast<std::size_t>(n), 0);
    std::vector<std::pair<int, int>> stack{{0, 0}}; // node, depth
    while (!stack.empty()) {
        const auto [node, depth] = stack.back();
        stack.pop_back();
        const auto i = static_cast<std::size_t>(node);
        if (seen[i])
            json["left_children"].at(i).fail("node " + std::to_string(node) + " is reached twice (cycle or shared child)");
        seen[i] = 1;
        if (depth > kMaxTreeDepth)
            json["left_children"].fail("the tree is deeper than " + std::to_string(kMaxTreeDepth) + " levels");
        const int l = tree.left[i];
        const int r = tree.right[i];
        if ((l < 0) != (r < 0))
            json["right_children"].at(i).fail("node " + std::to_string(node) + " has exactly one child");
        if (l < 0) {
            if (!std::isfinite(tree.value[i]))
                json["split_conditions"].at(i).fail("leaf value is not finite");
            continue;
        }
        if (l >= n || r >= n)
            json[l >= n ? "left_children" : "right_children"].at(i).fail(
                "child index " + std::to_string(std::max(l, r)) + " is out of range (the tree has " + std::to_string(n)
                + " nodes)");
        if (tree.feature[i] < 0 || tree.feature[i] >= featureCount)
            json["split_indices"].at(i).fail("feature index " + std::to_string(tree.feature[i])
                                              + " is out of range (num_feature is " + std::to_string(featureCount) + ")");
        if (tree.isCategorical(node)) {
            if (tree.categoryBegin[i] == tree.categoryEnd[i])
                json["categories_nodes"].fail("categorical split at node " + std::to_string(node) + " has no category set");
        } else if (std::isnan(tree.threshold[i])) {
            json["split_conditions"].at(i).fail("split threshold is NaN");
        }
        for (const int child : {l, r})
            if (!(tree.cover[static_cast<std::size_t>(child)] >= 0.0) || !std::isfinite(tree.cover[static_cast<std::size_t>(child)]))
                json["sum_hessian"].at(static_cast<std::size_t>(child)).fail("cover must be a finite, non-negative number");
        if (!(tree.cover[i] > 0.0) || !std::isfinite(tree.cover[i]))
            json["sum_hessian"].at(i).fail("an inner node needs a positive cover (TreeSHAP divides by it)");
        stack.emplace_back(l, depth + 1);
        stack.emplace_back(r, depth + 1);
    }
}

// XGBoost's category ids are bst_cat_t (int32) below 2^24 (its InvalidCat bound).
constexpr int kCategoryLimit = 1 << 24;

// split_type (absent in models without categorical features) and the category sets:
// node categories_nodes[k] sends the codes categories[segments[k], segments[k] + sizes[k]) right.
void readCategoricalSplits(XgbTree &tree, const XgbJsonField &json)
{
    if (!json.has("split_type"))
        return;
    const std::size_t n = tree.left.size();
    const std::vector<int> types = json["split_type"].integers(n, 0);
    tree.categorical.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (types[i] > 1)
            json["split_type"].at(i).fail("split type " + std::to_string(types[i]) + " is neither numerical (0) nor categorical (1)");
        tree.categorical[i] = static_cast<std::uint8_t>(types[i]);
    }
    tree.categoryBegin.assign(n, 0);
    tree.categoryEnd.assign(n, 0);
    if (!json.has("categories_nodes"))
        return;
    const XgbJsonField nodesField = json["categories_nodes"];
    const std::size_t sets = nodesField.arraySize();
    const std::vector<int> nodes = nodesField.integers(sets, 0);
    const std::vector<int> segments = json["categories_segments"].integers(sets, 0);
    const std::vector<int> sizes = json["categories_sizes"].integers(sets, 0);
    const XgbJsonField codesField = json["categories"];
    tree.categories = codesField.integers(codesField.arraySize(), 0);
    for (std::size_t k = 0; k < tree.categories.size(); ++k)
        if (tree.categories[k] >= kCategoryLimit)
            codesField.at(k).fail("category " + std::to_string(tree.categories[k]) + " is not below 2^24 (XGBoost's limit)");
    for (std::size_t k = 0; k < sets; ++k) {
        const auto node = static_cast<std::size_t>(nodes[k]);
        if (node >= n || !tree.categorical[node] || tree.categoryEnd[node] != 0)
            nodesField.at(k).fail("node " + std::to_string(nodes[k]) + " is not a categorical split listed once");
        const std::size_t end = static_cast<std::size_t>(segments[k]) + static_cast<std::size_t>(sizes[k]);
        if (sizes[k] == 0 || end > tree.categories.size())
            json["categories_sizes"].at(k).fail("segment [" + std::to_string(segments[k]) + ", " + std::to_string(end)
                                                + ") is empty or beyond the " + std::to_string(tree.categories.size()) + " categories");
        tree.categoryBegin[node] = segments[k];
        tree.categoryEnd[node] = static_cast<int>(end);
        // nextNode binary-searches the set.
        std::sort(tree.categories.begin() + segments[k], tree.categories.begin() + static_cast<std::ptrdiff_t>(end));
    }
}

} // namespace

XgbTree readXgbTree(const XgbJsonField &json, int featureCount)
{
    rejectUnsupportedTree(json);
    const long nodes = json["tree_param"]["num_nodes"].integer();
    if (nodes <= 0 || nodes > std::numeric_limits<int>::max() / 2)
        json["tree_param"]["num_nodes"].fail("node count " + std::to_string(nodes) + " is out of range");
    const auto n = static_cast<std::size_t>(nodes);
    XgbTree tree;
    tree.left = json["left_children"].integers(n, -1);
    tree.right = json["right_children"].integers(n, -1);
    tree.feature = json["split_indices"].integers(n, 0);
    const std::vector<double> conditions = json["split_conditions"].numbers(n);
    const std::vector<int> defaultLeft = json["default_left"].integers(n, 0);
    tree.defaultLeft.resize(n);
    for (std::size_t i = 0; i < n; ++i)
        tree.defaultLeft[i] = defaultLeft[i] != 0;
    const std::vector<double> hessians = json["sum_hessian"].numbers(n);
    readCategoricalSplits(tree, json);
    // XGBoost holds these in float32; rounding them the same way keeps our sums equal to its own.
    tree.threshold.resize(n);
    tree.value.resize(n);
    tree.cover.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        tree.threshold[i] = static_cast<float>(conditions[i]);
        tree.value[i] = static_cast<float>(conditions[i]);
        tree.cover[i] = static_cast<float>(hessians[i]);
    }
    validateStructure(tree, json, featureCount);
    summarizeTree(tree);
    return tree;
}

} // namespace e2i::kernels::shap
