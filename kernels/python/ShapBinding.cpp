#include "ShapBinding.h"

#include "FeatureInput.h"
#include "CancelWatch.h"
#include "shap/ShapRunner.h"
#include "shap/XgbModel.h"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

namespace py = pybind11;

namespace e2i::python {

namespace {

using kernels::shap::ShapResult;

std::vector<py::ssize_t> outputShape(const ShapResult &result)
{
    std::vector<py::ssize_t> shape{static_cast<py::ssize_t>(result.rows)};
    if (result.groups > 1)
        shape.push_back(result.groups);
    shape.push_back(static_cast<py::ssize_t>(result.width()));
    if (result.interactions)
        shape.push_back(static_cast<py::ssize_t>(result.width()));
    return shape;
}

// One output group is already laid out as numpy wants it: the array takes the buffer over.
py::array adoptSingleGroup(ShapResult &&result)
{
    auto values = std::make_unique<std::vector<double>>(std::move(result.values.front()));
    const double *data = values->data();
    const py::capsule owner(values.get(), [](void *p) { delete static_cast<std::vector<double> *>(p); });
    values.release(); // the capsule owns it now
    return py::array_t<double>(outputShape(result), data, owner);
}

// Several groups: the kernel keeps each group apart, XGBoost puts the classes inside each row.
py::array interleaveGroups(const ShapResult &result)
{
    py::array_t<double> out(outputShape(result));
    double *to = out.mutable_data();
    const std::size_t perRow = result.valuesPerRow();
    for (std::size_t r = 0; r < result.rows; ++r)
        for (int g = 0; g < result.groups; ++g, to += perRow)
            std::copy_n(result.row(g, r), perRow, to);
    return out;
}

} // namespace

unsigned checkedThreads(std::optional<long> threads)
{
    if (!threads)
        return 0;
    if (*threads < 1 || *threads > static_cast<long>(kMaxThreads))
        throw py::value_error("threads must be a whole number from 1 to " + std::to_string(kMaxThreads) + ", not "
                              + std::to_string(*threads));
    return static_cast<unsigned>(*threads);
}

py::array shap(const std::string &modelJson, const py::handle &rows, bool interactions, const py::handle &background,
               std::optional<long> threads, py::object cancel)
{
    kernels::shap::ShapOptions options;
    options.threads = checkedThreads(threads);
    options.interactions = interactions;
    const FeatureInput data(rows, "X");
    std::optional<FeatureInput> reference;
    if (!background.is_none()) {
        reference.emplace(background, "background");
        options.background = &reference->matrix();
    }
    CancelWatch watch(std::move(cancel));
    std::optional<ShapResult> result;
    {
        const py::gil_scoped_release release;
        const kernels::shap::XgbModel model = kernels::shap::parseXgbModel(modelJson, "model_json");
        try {
            result = kernels::shap::runShap(model, data.matrix(), options, {}, [&watch] { return watch.cancelled(); });
        } catch (const kernels::Cancelled &) {
            // A signal arrived or the callable said so: raised as Python's exception below.
        }
    }
    watch.throwIfCancelled();
    if (!result)
        throw std::logic_error("the SHAP run stopped without being cancelled");
    return result->groups == 1 ? adoptSingleGroup(std::move(*result)) : interleaveGroups(*result);
}

} // namespace e2i::python
