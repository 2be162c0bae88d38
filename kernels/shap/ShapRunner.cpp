#include "ShapRunner.h"

#include "ShapWorker.h"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>

namespace e2i::kernels::shap {

namespace {

// Small enough that threads finish together, large enough that the counter is not contended;
// one batch of TreeShapFast. Claims start at multiples of it whatever the thread count, so the
// rows batched together (which does not change their values anyway) are always the same.
constexpr std::size_t kRowsPerClaim = TreeShapFast::kBatchRows;

void validate(const XgbModel &model, const FeatureMatrix &data, const ShapOptions &options)
{
    if (data.features != model.featureCount)
        throw std::invalid_argument("the data has " + std::to_string(data.features) + " features but the model has "
                                    + std::to_string(model.featureCount));
    if (!options.background)
        return;
    if (options.interactions)
        throw std::invalid_argument("interaction values are computed path-dependent only; drop the background");
    if (options.background->features != model.featureCount)
        throw std::invalid_argument("the background has " + std::to_string(options.background->features)
                                    + " features but the model has " + std::to_string(model.featureCount));
    if (options.background->rows == 0 || options.background->rows > kMaxBackgroundRows)
        throw std::invalid_argument("the background has " + std::to_string(options.background->rows)
                                    + " rows; between 1 and " + std::to_string(kMaxBackgroundRows) + " are supported");
}

ShapResult emptyResult(const XgbModel &model, std::size_t rows, bool interactions)
{
    ShapResult result;
    result.rows = rows;
    result.groups = model.groupCount;
    result.features = model.featureCount;
    result.interactions = interactions;
    result.values.assign(static_cast<std::size_t>(model.groupCount), std::vector<double>(rows * result.valuesPerRow()));
    return result;
}

} // namespace

ShapResult runShap(const XgbModel &model, const FeatureMatrix &data, const ShapOptions &options,
                   const ShapProgress &progress, const ShapCancel &cancelled)
{
    validate(model, data, options);
    ShapResult result = emptyResult(model, data.rows, options.interactions);
    const ParallelPlan plan{data.rows, kRowsPerClaim, options.threads};
    runInParallel(
        plan,
        [&]() -> BlockWork {
            auto worker = std::make_shared<ShapWorker>(model, options);
            return [&, worker](std::size_t first, std::size_t last, const std::atomic<bool> &stop) {
                worker->explainRows(data, first, last, result, stop);
            };
        },
        progress, cancelled);
    return result;
}

} // namespace e2i::kernels::shap
