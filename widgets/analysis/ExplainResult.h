#pragma once
// What the Explain tab's plots read: one run's SHAP values, the rows they explain and the
// per-feature summary of one output group (class), shared read-only between the plots.
// A multi-class run keeps its values once (ExplainRun); each class is a light view on it,
// so switching the class the plots show copies nothing and computes nothing.
#include "shap/FeatureMatrix.h"
#include "shap/ShapRunner.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace e2i::analysis {

// The per-feature summary of one output group.
struct GroupSummary {
    std::vector<double> meanAbs;           // per feature, over the rows
    std::vector<int> order;                // feature indices, largest mean |SHAP| first
    std::vector<int> strongestInteraction; // per feature, -1 when interactions were not computed
};

// Everything one run produced, for every output group.
struct ExplainRun {
    kernels::shap::ShapResult values; // without interactions
    kernels::shap::FeatureMatrix data;
    QStringList featureNames;
    std::vector<GroupSummary> summaries; // one per output group
};

// One output group of a run, as the plots see it.
struct ExplainResult {
    ExplainResult(std::shared_ptr<const ExplainRun> run, int group);

    std::shared_ptr<const ExplainRun> run;
    int group;                         // the output group (class) the plots show
    const kernels::shap::ShapResult &values;
    const kernels::shap::FeatureMatrix &data;
    const QStringList &featureNames;
    const std::vector<double> &meanAbs;
    const std::vector<int> &order;
    const std::vector<int> &strongestInteraction;

    double shap(std::size_t row, int feature) const { return values.row(group, row)[feature]; }
    double bias(std::size_t row) const { return values.row(group, row)[values.features]; }
    double featureValue(std::size_t row, int feature) const { return data.row(row)[feature]; }
    // ", class 2" for a multi-class model, empty otherwise: appended to plot titles so an
    // exported PNG says which class it shows.
    QString classSuffix() const;
};

// meanAbs and order of `group` (ties keep feature order); no interactions yet.
GroupSummary summarize(const kernels::shap::ShapResult &values, int group);

// The feature each one interacts with most in `group` (largest mean |interaction| over the rows).
void findStrongestInteractions(GroupSummary &summary, const kernels::shap::ShapResult &interactions, int group);

// Plain SHAP values from interaction values: each feature's row of the matrix sums to it.
kernels::shap::ShapResult mainEffectsOf(const kernels::shap::ShapResult &interactions);

} // namespace e2i::analysis
