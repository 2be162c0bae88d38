#pragma once
// Path-dependent TreeSHAP, exact: Algorithm 2 of Lundberg, Erion & Lee (2018), "Consistent
// individualized feature attribution for tree ensembles" (arXiv:1802.03888), as XGBoost's
// pred_contribs computes it. O(L D^2) per tree and row for L leaves and depth D. Kept as the
// reference the faster TreeShapFast is tested against.
//
// Values are in margin space: phi[f] for each feature f in [0, featureCount) and the tree's
// expected value added to phi[featureCount] (the bias).
#include "PathDependentShap.h"

#include <vector>

namespace e2i::kernels::shap {

class TreeShapClassic final : public PathDependentShap {
public:
    // `maxDepth`: the deepest tree this instance will see; buffers are sized once.
    TreeShapClassic(int featureCount, int maxDepth);

    void addContributions(const XgbTree &tree, const double *row, double *phi, ShapCondition condition = {}) override;

private:
    // One entry of the path of unique features from the root (the paper's m).
    struct PathElement {
        int feature;
        double zeroFraction; // share of the training mass that follows this path
        double oneFraction;  // 1 if the row follows this path, else 0
        double weight;       // permutation weight of subsets of this size
    };

    struct Step {
        int node;
        int depth;
        double zeroFraction;
        double oneFraction;
        int feature;
        double conditionFraction;
    };

    void recurse(PathElement *parentPath, const Step &step);
    void splitNode(PathElement *path, int uniqueDepth, const Step &step);
    static void extend(PathElement *path, int depth, double zeroFraction, double oneFraction, int feature);
    static void unwind(PathElement *path, int depth, int index);
    static double unwoundSum(const PathElement *path, int depth, int index);

    int m_featureCount;
    std::vector<PathElement> m_paths;
    const XgbTree *m_tree = nullptr;
    const double *m_row = nullptr;
    double *m_phi = nullptr;
    ShapCondition m_condition;
};

} // namespace e2i::kernels::shap
