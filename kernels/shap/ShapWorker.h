#pragma once
// One worker thread's state for ShapRunner: its own algorithm buffers, so threads share only
// the read-only model and data.
#include "Interactions.h"
#include "Interventional.h"
#include "ShapRunner.h"
#include "TreeShapFast.h"

#include <atomic>
#include <memory>

namespace e2i::kernels::shap {

class ShapWorker {
public:
    ShapWorker(const XgbModel &model, const ShapOptions &options);

    // Computes every group of rows [first, last) into `result` (slots no other thread writes);
    // false when stopped midway.
    bool explainRows(const FeatureMatrix &data, std::size_t first, std::size_t last, ShapResult &result,
                     const std::atomic<bool> &stop);

private:
    bool explainRow(const double *row, std::size_t r, ShapResult &result, const std::atomic<bool> &stop);
    // Plain values of `count` <= TreeShapFast::kBatchRows rows from `first` on, the trees walked
    // once for all.
    bool explainBatch(const FeatureMatrix &data, std::size_t first, std::size_t count, ShapResult &result,
                      const std::atomic<bool> &stop);
    void contributions(const double *row, int group, double *phi);

    const XgbModel &m_model;
    std::unique_ptr<PathDependentShap> m_shap;
    TreeShapFast *m_batchShap = nullptr; // m_shap, when plain values can be computed in batches
    std::unique_ptr<Interactions> m_interactions;
    std::unique_ptr<Interventional> m_interventional;
};

} // namespace e2i::kernels::shap
