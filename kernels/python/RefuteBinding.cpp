#include "RefuteBinding.h"

#include "ColumnTable.h"
#include "ShapBinding.h"
#include "CancelWatch.h"
#include "causal/RefutationJson.h"
#include "causal/RefutationRunner.h"

#include <algorithm>
#include <stdexcept>
#include <thread>
#include <utility>

namespace py = pybind11;

namespace e2i::python {

namespace {

using namespace kernels::causal;

// Error messages name the data as the CLI names its file.
constexpr const char *kSource = "data";

std::vector<RefuterKind> refuterKinds(const std::optional<std::vector<std::string>> &names)
{
    if (!names)
        return allRefuterKinds();
    if (names->empty())
        throw py::value_error("refuters: the list is empty");
    std::vector<RefuterKind> kinds;
    for (const std::string &name : *names) {
        const std::optional<RefuterKind> kind = parseRefuterKind(name);
        if (!kind)
            throw py::value_error("refuters: unknown refuter '" + name + "'");
        kinds.push_back(*kind);
    }
    return kinds;
}

RefutationRequest requestOf(const RefuteArguments &a)
{
    RefutationRequest request;
    const std::optional<EstimatorKind> estimator = parseEstimatorKind(a.estimator);
    if (!estimator)
        throw py::value_error("estimator: unknown estimator '" + a.estimator + "' (linear, ipw, aipw)");
    request.estimator = *estimator;
    request.refuters = refuterKinds(a.refuters);
    // Checked here with the CLI's bounds (runRefutation checks them too, but only after the estimate).
    if (a.simulations < static_cast<long long>(kMinRefutationSimulations)
        || a.simulations > static_cast<long long>(kMaxRefutationSimulations))
        throw py::value_error("simulations must be a whole number from " + std::to_string(kMinRefutationSimulations)
                              + " to " + std::to_string(kMaxRefutationSimulations) + ", not "
                              + std::to_string(a.simulations));
    request.simulations = static_cast<std::size_t>(a.simulations);
    request.seed = a.seed;
    // The CLI's default: every hardware thread (the report does not depend on the count).
    const unsigned threads = checkedThreads(a.threads);
    request.threads = threads ? threads : std::clamp(std::thread::hardware_concurrency(), 1U, kMaxRefutationThreads);
    if (a.placeboType != "permute" && a.placeboType != "random")
        throw py::value_error("placebo_type: '" + a.placeboType + "' is not permute or random");
    request.placeboType = a.placeboType == "permute" ? PlaceboType::Permute : PlaceboType::Random;
    return request;
}

std::vector<std::string> columnsNeeded(const RefuteArguments &a)
{
    std::vector<std::string> names{a.treatment, a.outcome};
    names.insert(names.end(), a.commonCauses.begin(), a.commonCauses.end());
    return names;
}

} // namespace

py::object refute(const py::handle &data, const RefuteArguments &arguments, py::object cancel)
{
    const RefutationRequest request = requestOf(arguments);
    const kernels::CsvTable table = tableFromColumns(data, columnsNeeded(arguments));
    CancelWatch watch(std::move(cancel));
    std::string json;
    {
        const py::gil_scoped_release release;
        const CausalData causalData = causalDataFromTable(
            table, {arguments.treatment, arguments.outcome, arguments.commonCauses, arguments.categorical}, kSource);
        try {
            json = refutationReportToJson(runRefutation(causalData, request, {}, [&watch] { return watch.cancelled(); }));
        } catch (const kernels::Cancelled &) {
            // A signal arrived or the callable said so: raised as Python's exception below.
        }
    }
    watch.throwIfCancelled();
    if (json.empty())
        throw std::logic_error("the refutation stopped without being cancelled");
    // The CLI's own JSON text, read by Python's json: the same content by construction.
    return py::module_::import("json").attr("loads")(json);
}

} // namespace e2i::python
