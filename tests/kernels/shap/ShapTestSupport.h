#pragma once
// Helpers for the TreeSHAP tests: seeded random trees and brute-force Shapley values by
// enumerating every feature subset (only for a handful of features).
#include "shap/XgbModel.h"
#include "shap/XgbTree.h"

#include <bit>
#include <cmath>
#include <random>
#include <vector>

namespace e2i::kernels::shap::testing {

// Levels of the categorical features in random trees: codes 0..5 (rows also get 6, 7 and -1).
constexpr int kRandomCategoryLevels = 6;

// Gives node `n` a categorical split: a random non-empty proper subset of the levels goes right.
inline void makeCategoricalSplit(XgbTree &tree, std::size_t n, std::mt19937_64 &rng)
{
    if (tree.categorical.size() < tree.left.size()) {
        tree.categorical.resize(tree.left.size(), 0);
        tree.categoryBegin.resize(tree.left.size(), 0);
        tree.categoryEnd.resize(tree.left.size(), 0);
    }
    const unsigned subset = std::uniform_int_distribution<unsigned>(1, (1u << kRandomCategoryLevels) - 2)(rng);
    tree.categorical[n] = 1;
    tree.categoryBegin[n] = static_cast<int>(tree.categories.size());
    for (int code = 0; code < kRandomCategoryLevels; ++code)
        if (subset & (1u << code))
            tree.categories.push_back(code);
    tree.categoryEnd[n] = static_cast<int>(tree.categories.size());
}

// Random trees of depth <= maxDepth over `features` features, leaf values ~ N(0, 1): values of
// order 1, which is the scale the tolerances refer to. Features repeat along paths, some
// leaves get zero cover and default directions vary, so every special case is exercised.
// Features below `categoricalFeatures` get categorical splits (XGBoost's partition splits).
inline XgbTree randomTree(std::mt19937_64 &rng, int features, int maxDepth, int categoricalFeatures = 0)
{
    XgbTree tree;
    std::normal_distribution<double> normal;
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::uniform_int_distribution<int> feature(0, features - 1);
    struct Pending {
        int node;
        int depth;
    };
    auto addNode = [&](double cover) {
        tree.left.push_back(-1);
        tree.right.push_back(-1);
        tree.feature.push_back(0);
        tree.threshold.push_back(0.0f);
        tree.defaultLeft.push_back(0);
        tree.value.push_back(static_cast<float>(normal(rng)));
        tree.cover.push_back(cover);
        return tree.nodeCount() - 1;
    };
    std::vector<Pending> todo{{addNode(100.0), 0}};
    while (!todo.empty()) {
        const Pending p = todo.back();
        todo.pop_back();
        const auto n = static_cast<std::size_t>(p.node);
        const bool split = p.depth == 0 || (p.depth < maxDepth && uniform(rng) < 0.8 && tree.cover[n] > 0.0);
        if (!split)
            continue;
        tree.feature[n] = feature(rng);
        tree.threshold[n] = static_cast<float>(normal(rng) * 0.7);
        tree.defaultLeft[n] = uniform(rng) < 0.5;
        if (tree.feature[n] < categoricalFeatures)
            makeCategoricalSplit(tree, n, rng);
        const bool emptyLeft = uniform(rng) < 0.05;
        const double share = emptyLeft ? 0.0 : 0.1 + 0.8 * uniform(rng);
        const int l = addNode(tree.cover[n] * share);
        const int r = addNode(tree.cover[n] * (1.0 - share));
        tree.left[n] = l;
        tree.right[n] = r;
        if (!emptyLeft)
            todo.push_back({l, p.depth + 1});
        todo.push_back({r, p.depth + 1});
    }
    if (!tree.categorical.empty()) { // nodes added after the last categorical split
        tree.categorical.resize(tree.left.size(), 0);
        tree.categoryBegin.resize(tree.left.size(), 0);
        tree.categoryEnd.resize(tree.left.size(), 0);
    }
    summarizeTree(tree);
    return tree;
}

// Rows of N(0, 1) values with some missing ones; features below `categoricalFeatures` hold
// category codes -1..7 (invalid, seen and unseen ones).
inline std::vector<double> randomRow(std::mt19937_64 &rng, int features, int categoricalFeatures = 0)
{
    std::normal_distribution<double> normal;
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::uniform_int_distribution<int> code(-1, kRandomCategoryLevels + 1);
    std::vector<double> row(static_cast<std::size_t>(features));
    for (int f = 0; f < features; ++f)
        row[static_cast<std::size_t>(f)] = uniform(rng) < 0.15 ? std::nan("")
            : f < categoricalFeatures                         ? code(rng)
                                                              : normal(rng);
    return row;
}

inline XgbModel modelOf(std::vector<XgbTree> trees, int features, double baseMargin)
{
    XgbModel model;
    model.featureCount = features;
    model.treeGroup.assign(trees.size(), 0);
    model.trees = std::move(trees);
    model.baseMargin = {baseMargin};
    model.objective = "reg:squarederror";
    return model;
}

// E[f(x) | x_S] under the path-dependent (cover-weighted) model of TreeSHAP.
inline double pathExpectation(const XgbTree &tree, int node, const double *row, unsigned known)
{
    if (tree.isLeaf(node))
        return tree.value[static_cast<std::size_t>(node)];
    const auto n = static_cast<std::size_t>(node);
    if (known & (1u << tree.feature[n]))
        return pathExpectation(tree, tree.nextNode(node, row[tree.feature[n]]), row, known);
    double sum = 0.0;
    for (const int child : {tree.left[n], tree.right[n]})
        sum += tree.cover[static_cast<std::size_t>(child)] / tree.cover[n] * pathExpectation(tree, child, row, known);
    return sum;
}

inline double factorial(int n)
{
    return n <= 1 ? 1.0 : n * factorial(n - 1);
}

// Shapley values of the game v over `features` players, plus v(empty) last.
template <typename Game>
std::vector<double> bruteForceShapley(const Game &v, int features)
{
    std::vector<double> phi(static_cast<std::size_t>(features) + 1, 0.0);
    const unsigned all = 1u << features;
    for (int i = 0; i < features; ++i)
        for (unsigned s = 0; s < all; ++s) {
            if (s & (1u << i))
                continue;
            const int size = std::popcount(s);
            const double weight = factorial(size) * factorial(features - size - 1) / factorial(features);
            phi[static_cast<std::size_t>(i)] += weight * (v(s | (1u << i)) - v(s));
        }
    phi.back() = v(0);
    return phi;
}

// SHAP interaction values, (features + 1)^2, with XGBoost's conventions (see Interactions.h).
template <typename Game>
std::vector<double> bruteForceInteractions(const Game &v, int features)
{
    const auto width = static_cast<std::size_t>(features) + 1;
    std::vector<double> m(width * width, 0.0);
    const std::vector<double> phi = bruteForceShapley(v, features);
    const unsigned all = 1u << features;
    for (int i = 0; i < features; ++i)
        for (int j = 0; j < features; ++j) {
            if (i == j)
                continue;
            const unsigned bi = 1u << i;
            const unsigned bj = 1u << j;
            double sum = 0.0;
            for (unsigned s = 0; s < all; ++s) {
                if (s & (bi | bj))
                    continue;
                const int size = std::popcount(s);
                const double weight = factorial(size) * factorial(features - size - 2) / (2.0 * factorial(features - 1));
                sum += weight * (v(s | bi | bj) - v(s | bi) - v(s | bj) + v(s));
            }
            m[static_cast<std::size_t>(i) * width + static_cast<std::size_t>(j)] = sum;
        }
    for (std::size_t i = 0; i < width; ++i) {
        double off = 0.0;
        for (std::size_t j = 0; j < width; ++j)
            if (j != i)
                off += m[i * width + j];
        m[i * width + i] = phi[i] - off;
    }
    return m;
}

} // namespace e2i::kernels::shap::testing
