#pragma once
// SHAP interaction values (Lundberg, Erion & Lee 2018, section 4), as XGBoost's
// pred_interactions: for i != j, M[i][j] = (phi_j | i always known - phi_j | i never known) / 2,
// and M[i][i] = phi_i - sum_{j != i} M[i][j], so each row of M sums to phi_i. The bias row and
// column are zero except M[bias][bias] = bias.
//
// Only features a tree splits on can interact in it, so each tree is conditioned on its own
// features only: 2 * (distinct features of the tree) extra passes per tree instead of
// 2 * featureCount.
#include "PathDependentShap.h"
#include "XgbModel.h"

#include <vector>

namespace e2i::kernels::shap {

class Interactions {
public:
    Interactions(const XgbModel &model, PathDependentShap &shap);

    // Writes the (featureCount + 1)^2 matrix of `row` for output `group` to `out`, row-major.
    void explain(const double *row, int group, double *out);

private:
    void addTreeInteractions(const XgbTree &tree, const std::vector<int> &features, const double *row, double *out);

    const XgbModel &m_model;
    PathDependentShap &m_shap;
    std::vector<std::vector<int>> m_treeFeatures; // distinct split features of each tree
    std::vector<double> m_phi;
    std::vector<double> m_on;
    std::vector<double> m_off;
};

} // namespace e2i::kernels::shap
