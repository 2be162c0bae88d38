#pragma once
// One worker thread's state for ShapRunner: its own algorithm buffers, so threads share only
// the read-only model and data.
#include "Interactions.h"
#include "Interventional.h"
#include "ShapRunner.h"

#include <atomic>
#include <memory>

namespace e2i::kernels::shap {

class ShapWorker {
public:
    ShapWorker(const XgbModel &model, const ShapOptions &options);

    // Computes every group of `row` into `result` (a slot no other thread writes); false when
    // stopped midway.
    bool explainRow(const double *row, std::size_t r, ShapResult &result, const std::atomic<bool> &stop);

private:
    void contributions(const double *row, int group, double *phi);

    const XgbModel &m_model;
    std::unique_ptr<PathDependentShap> m_shap;
    std::unique_ptr<Interactions> m_interactions;
    std::unique_ptr<Interventional> m_interventional;
};

} // namespace e2i::kernels::shap
