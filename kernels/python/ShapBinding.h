#pragma once
// e2i_kernels.shap: TreeSHAP values of an XGBoost JSON model, as runShap computes them for
// `e2i-kernels shap` and the console's Explain tab, shaped like XGBoost's output:
//   values:       rows x (features + 1)             or rows x classes x (features + 1)
//   interactions: rows x (features + 1) x (features + 1), or with classes after rows
// (pred_contribs and pred_interactions; the bias is last).
#include <pybind11/numpy.h>

#include <optional>
#include <string>

namespace e2i::python {

// `cancel`: None, or a callable polled while the kernel runs (CancelWatch.h).
pybind11::array shap(const std::string &modelJson, const pybind11::handle &rows, bool interactions,
                     const pybind11::handle &background, std::optional<long> threads, pybind11::object cancel);

// Threads the module accepts, as the CLI's --threads: 1 to this.
constexpr unsigned kMaxThreads = 1024;

// 0 (all hardware threads, the CLI's default) for None; ValueError outside [1, kMaxThreads].
unsigned checkedThreads(std::optional<long> threads);

} // namespace e2i::python
