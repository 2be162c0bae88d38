#pragma once
// What the Explain tab's plots read: one run's SHAP values, the rows they explain and the
// per-feature summary, shared read-only between the plots.
#include "shap/FeatureMatrix.h"
#include "shap/ShapRunner.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace e2i::analysis {

struct ExplainResult {
    kernels::shap::ShapResult values;  // without interactions
    kernels::shap::FeatureMatrix data;
    QStringList featureNames;
    int group = 0;                     // the output group (class) the plots show
    std::vector<double> meanAbs;       // per feature, over the rows
    std::vector<int> order;            // feature indices, largest mean |SHAP| first
    std::vector<int> strongestInteraction; // per feature, -1 when interactions were not computed

    double shap(std::size_t row, int feature) const { return values.row(group, row)[feature]; }
    double bias(std::size_t row) const { return values.row(group, row)[values.features]; }
    double featureValue(std::size_t row, int feature) const { return data.row(row)[feature]; }
};

// Fills meanAbs and order from `values` (ties keep feature order).
void summarize(ExplainResult &result);

// The feature each one interacts with most (largest mean |interaction| over the rows).
void findStrongestInteractions(ExplainResult &result, const kernels::shap::ShapResult &interactions);

// Plain SHAP values from interaction values: each feature's row of the matrix sums to it.
kernels::shap::ShapResult mainEffectsOf(const kernels::shap::ShapResult &interactions);

} // namespace e2i::analysis
