#pragma once
// e2i_kernels.refute: estimate a treatment effect and refute it, as runRefutation does for
// `e2i-kernels refute --json` and the console's Refute tab; the result is that JSON report
// (refutationReportToJson) as Python objects, so the module and the CLI give the same content.
#include <pybind11/pybind11.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace e2i::python {

struct RefuteArguments {
    std::string treatment;
    std::string outcome;
    std::vector<std::string> commonCauses;
    std::vector<std::string> categorical;
    std::string estimator = "linear";
    std::optional<std::vector<std::string>> refuters; // nullopt: all of them, as the CLI
    long long simulations = 100;
    std::uint64_t seed = 42;
    std::optional<long> threads;
    std::string placeboType = "permute";
};

// `cancel`: None, or a callable polled while the kernel runs (CancelWatch.h).
pybind11::object refute(const pybind11::handle &data, const RefuteArguments &arguments, pybind11::object cancel);

} // namespace e2i::python
