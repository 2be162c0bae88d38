#pragma once
// Runs TreeSHAP over a batch of rows on worker threads: the C++ API behind `e2i-kernels shap`
// and the console's Explain tab.
//
// Results are bit-identical whatever the thread count: every row is computed by one thread,
// trees in model order, with no cross-row reduction.
// Memory: the result (rows x groups x (features + 1) doubles; times (features + 1) again with
// interactions) plus, per thread, O(features * depth) scratch (TreeShapFast: about 35 KB at 20
// features and depth 8, for its batch of 16 rows); the input and model are shared.
#include "FeatureMatrix.h"
#include "XgbModel.h"
#include "common/Cancelled.h"
#include "common/ParallelRunner.h"

#include <cstddef>
#include <vector>

namespace e2i::kernels::shap {

enum class ShapAlgorithm {
    Fast,    // TreeShapFast: the default
    Classic, // TreeShapClassic: the reference
};

struct ShapOptions {
    ShapAlgorithm algorithm = ShapAlgorithm::Fast;
    unsigned threads = 0;                    // 0: one per hardware thread
    bool interactions = false;               // path-dependent only
    const FeatureMatrix *background = nullptr; // set: interventional TreeSHAP against these rows
};

// The most background rows interventional TreeSHAP accepts; its cost grows linearly with them.
inline constexpr std::size_t kMaxBackgroundRows = 1000;

struct ShapResult {
    std::size_t rows = 0;
    int groups = 1;
    int features = 0;
    bool interactions = false;
    // values[g]: row-major, rows x (features + 1) with the bias last; with interactions
    // rows x (features + 1) x (features + 1), each row's matrix row-major.
    std::vector<std::vector<double>> values;

    std::size_t width() const { return static_cast<std::size_t>(features) + 1; }
    std::size_t valuesPerRow() const { return interactions ? width() * width() : width(); }
    const double *row(int group, std::size_t r) const
    {
        return values[static_cast<std::size_t>(group)].data() + r * valuesPerRow();
    }
};

// rowsDone of rowsTotal. Both callbacks follow the kernels' one contract (common/ParallelRunner.h):
// called on the calling thread about every 10 ms; a cancel stops the workers within one batch
// of rows (one tree for interventional TreeSHAP).
using ShapProgress = ProgressCallback;
using ShapCancel = CancelPredicate;

// Throws std::invalid_argument for inconsistent inputs (feature counts, background size,
// interactions with a background), and Cancelled (common/Cancelled.h) when cancelled.
ShapResult runShap(const XgbModel &model, const FeatureMatrix &data, const ShapOptions &options,
                   const ShapProgress &progress = {}, const ShapCancel &cancelled = {});

} // namespace e2i::kernels::shap
