#pragma once
// The interface both exact path-dependent TreeSHAP algorithms implement, so the runner and
// the interaction values can use either.
#include "ShapCondition.h"
#include "XgbTree.h"

namespace e2i::kernels::shap {

class PathDependentShap {
public:
    virtual ~PathDependentShap() = default;

    // Adds this tree's SHAP values for `row` (one value per feature, NaN = missing) to
    // phi[0 .. featureCount) and, unless conditioned, its expected value to phi[featureCount].
    virtual void addContributions(const XgbTree &tree, const double *row, double *phi, ShapCondition condition = {}) = 0;
};

} // namespace e2i::kernels::shap
