#pragma once
// One regression tree of an XGBoost gbtree model, as flat struct-of-arrays indexed by node
// (root 0, no child -1), following XGBoost's tree_model.h.
//
//   left/right     children; both -1 on a leaf
//   feature        split feature index (unused on leaves)
//   threshold      split condition: the row goes left when float(x) < threshold. XGBoost
//                  stores features and thresholds as float32, so the comparison is in float.
//   defaultLeft    where a missing value (NaN) goes
//   categorical    1 on a categorical split (XGBoost's split_type 1); empty when the tree has
//                  none. Such a node sends a row right when its category code is in the node's
//                  set categories[categoryBegin[node], categoryEnd[node]) (sorted), else left
//                  (see goesRightAsCategory)
//   value          the leaf value (XGBoost's split_conditions on leaves)
//   cover          the node's sum of hessians: the training mass TreeSHAP weights paths by
//   maxDepth       edges on the longest root-to-leaf path          } filled by summarizeTree()
//   expectedValue  the prediction averaged over the training mass } (the TreeSHAP bias)
//   coverFraction  cover(node) / cover(parent), 1 at the root      }
//   flatNodes      the same nodes as FlatNode records                }
//   splitFeatures  the distinct features the splits use               }
#include "FlatNode.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace e2i::kernels::shap {

struct XgbTree {
    std::vector<int> left;
    std::vector<int> right;
    std::vector<int> feature;
    std::vector<float> threshold;
    std::vector<std::uint8_t> defaultLeft;
    std::vector<std::uint8_t> categorical;
    std::vector<int> categoryBegin;
    std::vector<int> categoryEnd;
    std::vector<int> categories;
    std::vector<double> value;
    std::vector<double> cover;
    int maxDepth = 0;
    double expectedValue = 0.0;
    std::vector<double> coverFraction;
    std::vector<FlatNode> flatNodes;
    std::vector<std::size_t> splitFeatures;

    int nodeCount() const { return static_cast<int>(left.size()); }
    bool isLeaf(int node) const { return left[static_cast<std::size_t>(node)] < 0; }
    bool isCategorical(int node) const { return !categorical.empty() && categorical[static_cast<std::size_t>(node)] != 0; }

    // The child a row with value `x` for this node's feature goes to.
    int nextNode(int node, double x) const
    {
        const auto n = static_cast<std::size_t>(node);
        bool goLeft;
        if (std::isnan(x))
            goLeft = defaultLeft[n] != 0;
        else if (isCategorical(node))
            goLeft = !goesRightAsCategory(n, static_cast<float>(x));
        else
            goLeft = static_cast<float>(x) < threshold[n];
        return goLeft ? left[n] : right[n];
    }

    // nextNode for `count` rows at once (row r's value is rows[r][feature of node]): a numeric
    // split, the common case, as one select per row with the node's fields read once.
    void nextNodes(int node, const double *const *rows, int count, int *children) const
    {
        const auto n = static_cast<std::size_t>(node);
        const int f = feature[n];
        if (isCategorical(node)) {
            for (int r = 0; r < count; ++r)
                children[r] = nextNode(node, rows[r][f]);
            return;
        }
        const float split = threshold[n];
        const bool missingLeft = defaultLeft[n] != 0;
        const int leftChild = left[n], rightChild = right[n];
        for (int r = 0; r < count; ++r) {
            const double x = rows[r][f];
            const bool goLeft = std::isnan(x) ? missingLeft : static_cast<float>(x) < split;
            children[r] = goLeft ? leftChild : rightChild;
        }
    }

    // XGBoost 1.7's categorical Decision(), checked against its predictions: the code is the
    // float value truncated to int; a negative code or one of 2^24 or more (XGBoost's
    // InvalidCat), or a code outside the node's set (including codes training never saw), goes
    // left whatever default_left says. So pandas' -1 for "no category" is not a missing value.
    bool goesRightAsCategory(std::size_t node, float code) const
    {
        constexpr float kFirstInvalidCode = 16777216.0f; // 2^24
        if (!(code >= 0.0f) || code >= kFirstInvalidCode)
            return false;
        const auto first = categories.begin() + categoryBegin[node];
        const auto last = categories.begin() + categoryEnd[node];
        return std::binary_search(first, last, static_cast<int>(code));
    }

    // The leaf value this tree gives `row` (row[f] is feature f).
    double predict(const double *row) const
    {
        int node = 0;
        while (!isLeaf(node))
            node = nextNode(node, row[feature[static_cast<std::size_t>(node)]]);
        return value[static_cast<std::size_t>(node)];
    }
};

// Fills maxDepth, expectedValue, coverFraction, flatNodes and splitFeatures; the node arrays
// must already form a valid tree.
void summarizeTree(XgbTree &tree);

} // namespace e2i::kernels::shap
