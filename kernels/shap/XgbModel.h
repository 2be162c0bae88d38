#pragma once
// An XGBoost gbtree model loaded from the JSON that Booster.save_model("m.json") writes
// (XGBoost 1.7 and 2.x/3.x layouts). Everything TreeSHAP needs, nothing else.
#include "XgbTree.h"

#include <string>
#include <string_view>
#include <vector>

namespace e2i::kernels::shap {

struct XgbModel {
    std::vector<XgbTree> trees;
    std::vector<int> treeGroup;             // output group (class) of each tree
    int groupCount = 1;                     // 1, or num_class for multi-class
    int featureCount = 0;
    std::vector<std::string> featureNames;  // empty when the model was saved without names
    std::vector<double> baseMargin;         // per group: base_score moved to margin space
    std::string objective;

    // The raw (margin) prediction of `row` for `group`, as XGBoost's output_margin=True.
    double predictMargin(const double *row, int group) const;
    // The largest depth of any tree: sizes the TreeSHAP path buffers and coefficient tables.
    int deepestTree() const;
};

// Parses and validates a model; throws ModelError naming the JSON field and the problem.
// `source` only labels messages. The trees are read on `threads` threads (0: one per hardware
// thread); the model and the error reported are the same for any count.
XgbModel parseXgbModel(std::string_view json, const std::string &source, unsigned threads = 1);
XgbModel loadXgbModel(const std::string &path, unsigned threads = 1);

} // namespace e2i::kernels::shap
