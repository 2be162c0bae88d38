// libFuzzer target: any bytes given to the XGBoost model loader either load or are rejected
// with a ModelError; a model that loads is then explained without crashing.
#include "shap/ModelError.h"
#include "shap/TreeShapClassic.h"
#include "shap/TreeShapFast.h"
#include "shap/XgbModel.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

using namespace e2i::kernels::shap;

namespace {
// Keeps one input's work small, so the fuzzer explores instead of computing.
constexpr int kMaxFeatures = 4096;

void explainOneRow(const XgbModel &model)
{
    int depth = 0;
    for (const XgbTree &tree : model.trees)
        depth = std::max(depth, tree.maxDepth);
    std::vector<double> row(static_cast<std::size_t>(model.featureCount), 0.25);
    row.front() = std::nan("");
    std::vector<double> phi(row.size() + 1, 0.0);
    TreeShapFast fast(model.featureCount, depth);
    TreeShapClassic classic(model.featureCount, depth);
    for (const XgbTree &tree : model.trees) {
        fast.addContributions(tree, row.data(), phi.data());
        classic.addContributions(tree, row.data(), phi.data());
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    try {
        const XgbModel model = parseXgbModel(std::string_view(reinterpret_cast<const char *>(data), size), "fuzz.json");
        if (model.featureCount <= kMaxFeatures)
            explainOneRow(model);
    } catch (const ModelError &) {
        // Rejected with a reason: the expected outcome for most inputs.
    }
    return 0;
}
