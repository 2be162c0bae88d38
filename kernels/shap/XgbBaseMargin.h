#pragma once
// XGBoost's base_score in margin space, one per output group: "5E-1" (1.7) or "[5E-1]" (one
// entry, or one per class, from 2.x on), moved from the objective's output space to the margin
// the trees add to as XGBoost's ObjFunction::ProbToMargin does.
#include "XgbJsonField.h"

#include <string>
#include <vector>

namespace e2i::kernels::shap {

// `param`: learner/learner_model_param. Throws ModelError naming base_score.
std::vector<double> readBaseMargin(const XgbJsonField &param, const std::string &objective, int groupCount);

} // namespace e2i::kernels::shap
