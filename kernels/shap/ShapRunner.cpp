#include "ShapRunner.h"

#include "ShapWorker.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

namespace e2i::kernels::shap {

namespace {

// Small enough that threads finish together, large enough that the counter is not contended;
// one batch of TreeShapFast. Claims start at multiples of it whatever the thread count, so the
// rows batched together (which does not change their values anyway) are always the same.
constexpr std::size_t kRowsPerClaim = TreeShapFast::kBatchRows;
constexpr auto kPollInterval = std::chrono::milliseconds(10);

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

unsigned threadCount(const ShapOptions &options, std::size_t rows)
{
    const unsigned wanted = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    const std::size_t useful = (rows + kRowsPerClaim - 1) / kRowsPerClaim;
    return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(wanted, useful)));
}

struct SharedProgress {
    std::atomic<std::size_t> nextRow{0};
    std::atomic<std::size_t> rowsDone{0};
    std::atomic<unsigned> workersLeft{0};
    std::atomic<bool> stop{false};
    std::mutex errorMutex;
    std::exception_ptr error;
};

void work(const XgbModel &model, const FeatureMatrix &data, const ShapOptions &options, ShapResult &result,
          SharedProgress &shared)
{
    ShapWorker worker(model, options);
    while (!shared.stop.load(std::memory_order_relaxed)) {
        const std::size_t first = shared.nextRow.fetch_add(kRowsPerClaim);
        if (first >= data.rows)
            break;
        const std::size_t last = std::min(data.rows, first + kRowsPerClaim);
        if (!worker.explainRows(data, first, last, result, shared.stop))
            break;
        shared.rowsDone.fetch_add(last - first, std::memory_order_relaxed);
    }
}

} // namespace

std::optional<ShapResult> runShap(const XgbModel &model, const FeatureMatrix &data, const ShapOptions &options,
                                  const ShapProgress &progress, const ShapCancel &cancelled)
{
    validate(model, data, options);
    ShapResult result = emptyResult(model, data.rows, options.interactions);
    SharedProgress shared;
    const unsigned threads = threadCount(options, data.rows);
    shared.workersLeft = threads;
    {
        std::vector<std::jthread> workers;
        for (unsigned t = 0; t < threads; ++t)
            workers.emplace_back([&] {
                try {
                    work(model, data, options, result, shared);
                } catch (...) {
                    const std::lock_guard lock(shared.errorMutex);
                    shared.error = std::current_exception();
                    shared.stop = true;
                }
                shared.workersLeft.fetch_sub(1);
            });
        // The callbacks run here, on the caller's thread, so they need not be thread-safe.
        while (shared.workersLeft.load() > 0) {
            std::this_thread::sleep_for(kPollInterval);
            if (cancelled && cancelled())
                shared.stop = true;
            if (progress)
                progress(shared.rowsDone.load(), data.rows);
        }
    }
    if (shared.error)
        std::rethrow_exception(shared.error);
    if (shared.stop.load())
        return std::nullopt;
    if (progress)
        progress(data.rows, data.rows);
    return result;
}

} // namespace e2i::kernels::shap
