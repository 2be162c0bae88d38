#pragma once
// Interventional TreeSHAP against a background sample (Lundberg et al. 2020, "From local
// explanations to global understanding with explainable AI for trees", Nature MI 2:56-67,
// Methods, "Interventional Tree SHAP"). For a row x and one background row z the game is
// v(S) = f(x_S, z_rest); per tree it is solved exactly by walking the paths x and z can take:
// where they split apart on a feature not yet decided, both branches are followed, the
// feature joining U (decided for x) or V (decided for z). A leaf reached with |U| = u,
// |V| = v and value w adds w * (u-1)! v! / (u+v)! to each feature of U and subtracts
// w * u! (v-1)! / (u+v)! from each of V. Values are averaged over the background; the bias is
// the mean margin of the background rows, so each row still sums to its margin.
// O(trees * background * paths) per row.
#include "FeatureMatrix.h"
#include "XgbModel.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace e2i::kernels::shap {

class Interventional {
public:
    Interventional(const XgbModel &model, const FeatureMatrix &background);

    // Writes featureCount + 1 values of `row` for `group` to phi; returns false (phi partial)
    // if `stop` was raised meanwhile.
    bool explain(const double *row, int group, double *phi, const std::atomic<bool> &stop);

private:
    enum class Side : std::uint8_t { Undecided, Foreground, Background };

    void walk(int node, double *phi);
    void credit(double leafValue, double *phi) const;

    const XgbModel &m_model;
    const FeatureMatrix &m_background;
    std::vector<double> m_meanMargin;  // per group
    std::vector<std::vector<double>> m_coefficient; // [a][b] = a! b! / (a + b + 1)!
    std::vector<Side> m_side;          // per feature, along the current walk
    std::vector<int> m_foreground;     // U
    std::vector<int> m_backgroundSet;  // V
    const XgbTree *m_tree = nullptr;
    const double *m_x = nullptr;
    const double *m_z = nullptr;
};

} // namespace e2i::kernels::shap
