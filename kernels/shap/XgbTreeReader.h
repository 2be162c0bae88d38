#pragma once
// One tree of an XGBoost model's JSON (learner/gradient_booster/model/trees/N) read into an
// XgbTree and checked: its arrays' sizes, the structure reachable from the root (no cycle, no
// shared child, both children or none, at most 128 levels), split features, categorical splits
// and their category sets, covers TreeSHAP can divide by, finite leaf values.
#include "XgbJsonField.h"
#include "XgbTree.h"

namespace e2i::kernels::shap {

// Throws ModelError naming the field and the problem.
XgbTree readXgbTree(const XgbJsonField &json, int featureCount);

} // namespace e2i::kernels::shap
