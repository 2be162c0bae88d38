// e2i_kernels: the project's SHAP and refutation kernels for Python (issue 19), so that the
// platform's heavy Celery workers compute what `e2i-kernels` and the console compute.
#include "ErrorTranslation.h"
#include "RefuteBinding.h"
#include "ShapBinding.h"

#include <pybind11/stl.h>

namespace py = pybind11;
using namespace pybind11::literals;

namespace {

constexpr const char *kModuleDoc = R"(The E2I kernels: exact TreeSHAP for XGBoost models and causal refutation.

The same C++ library as the `e2i-kernels` command and the E2I Ops Console, so all three give
bit-identical numbers for the same input. The work runs on native threads with the GIL
released; Ctrl-C (KeyboardInterrupt) stops it within a few milliseconds, and so does a
`cancel` callable (below) within about 250 ms. Bad input raises ValueError with the kernels'
own message.

    import e2i_kernels, numpy as np
    phi = e2i_kernels.shap(open("model.json").read(), X)      # like pred_contribs=True
    report = e2i_kernels.refute({"t": t, "y": y, "w": w}, "t", "y", ["w"])
)";

constexpr const char *kShapDoc = R"(shap(model_json, X, *, interactions=False, background=None, threads=None, cancel=None) -> numpy.ndarray

Exact TreeSHAP values of an XGBoost model, in margin space, as `e2i-kernels shap`.

model_json: the model's JSON text, as Booster.save_model("m.json") writes it (XGBoost 1.7 to 3.x).
X: the rows to explain, 2-D (rows x features, the model's feature order); NaN is missing, as in
   XGBoost; a value infinite as a float32 raises ValueError. A C-contiguous float64 array is read
   in place; anything else (float32, Fortran order, views, a DataFrame) is converted once.
interactions: SHAP interaction values instead (path-dependent only).
background: rows (at most 1000) for interventional TreeSHAP against them, 2-D as X.
threads: worker threads, 1 to 1024 (default: every hardware thread); the values do not depend on it.
cancel: None, or a callable without arguments, called (with the GIL) before the work starts and
        then about every 250 ms while it runs; once it answers true the run stops and raises
        e2i_kernels.Cancelled (a RuntimeError); an exception it raises stops the run and is
        raised. It never changes the values of a run it lets finish.

Returns float64, shaped like XGBoost's predict(pred_contribs=True): rows x (features + 1), or
rows x classes x (features + 1) for a multi-class model, the bias last; with interactions like
pred_interactions=True: rows x [classes x] (features + 1) x (features + 1).
)";

constexpr const char *kRefuteDoc = R"(refute(data, treatment, outcome, common_causes, *, categorical=(), estimator="linear", refuters=None, simulations=100, seed=42, threads=None, placebo_type="permute", cancel=None) -> dict

Estimates the effect of `treatment` on `outcome` adjusted for `common_causes` and refutes it, as
`e2i-kernels refute --json`; returns that JSON report as a dict: "estimate", "refutations",
"sensitivity" (linear estimator) and "warnings"; undefined numbers are None.

data: a mapping of column name -> 1-D array (a dict of numpy arrays, or a pandas DataFrame).
      Numeric columns are read as float64; string columns are categorical, one-hot encoded
      with the first level (sorted) dropped. Missing values are errors, as in the CLI, whose
      messages count lines as in a CSV file with a header: row i is line i + 2.
categorical: common causes holding numeric codes to one-hot encode.
estimator: "linear", "ipw" or "aipw".
refuters: names among "placebo", "random_common_cause", "subset", "bootstrap", "dummy_outcome",
          "unobserved" (default: all of them).
simulations: 2 to 100000 per refuter. seed: the random seed (the report depends only on it).
threads: 1 to 1024 (default: every hardware thread). placebo_type: "permute" or "random".
cancel: None, or a callable polled as shap()'s is; e2i_kernels.Cancelled once it answers true.
)";

py::object refuteEntry(const py::handle &data, std::string treatment, std::string outcome,
                       std::vector<std::string> commonCauses, std::vector<std::string> categorical,
                       std::string estimator, std::optional<std::vector<std::string>> refuters, long long simulations,
                       std::uint64_t seed, std::optional<long> threads, std::string placeboType, py::object cancel)
{
    return e2i::python::refute(data,
                               {std::move(treatment), std::move(outcome), std::move(commonCauses),
                                std::move(categorical), std::move(estimator), std::move(refuters), simulations, seed,
                                threads, std::move(placeboType)},
                               std::move(cancel));
}

} // namespace

PYBIND11_MODULE(e2i_kernels, m)
{
    // The docstrings carry the Python signatures (pybind11's would show C++ types).
    py::options options;
    options.disable_function_signatures();
    m.doc() = kModuleDoc;
    m.attr("__version__") = E2I_VERSION;
    e2i::python::registerErrorTranslation(m);
    m.def("shap", &e2i::python::shap, kShapDoc, "model_json"_a, "X"_a, py::kw_only(), "interactions"_a = false,
          "background"_a = py::none(), "threads"_a = py::none(), "cancel"_a = py::none());
    m.def("refute", &refuteEntry, kRefuteDoc, "data"_a, "treatment"_a, "outcome"_a, "common_causes"_a, py::kw_only(),
          "categorical"_a = std::vector<std::string>{}, "estimator"_a = "linear", "refuters"_a = py::none(),
          "simulations"_a = 100, "seed"_a = 42, "threads"_a = py::none(), "placebo_type"_a = "permute",
          "cancel"_a = py::none());
}
