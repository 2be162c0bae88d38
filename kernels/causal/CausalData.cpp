#include "CausalData.h"

#include "io/CsvTable.h"

#include <algorithm>
#include <cmath>

namespace e2i::kernels::causal {
namespace {

[[noreturn]] void fail(const std::string &source, const std::string &where, const std::string &reason)
{
    throw CausalInputError(source + where + ": " + reason);
}

std::string columnLabel(const std::string &name) { return " column '" + name + "'"; }

// Data lines start at line 2: the header is line 1.
std::string lineLabel(std::size_t row) { return ":" + std::to_string(row + 2) + ":"; }

void requireFinite(std::span<const double> values, const std::string &name, const std::string &source)
{
    const auto bad = std::find_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); });
    if (bad != values.end())
        fail(source, lineLabel(static_cast<std::size_t>(bad - values.begin())) + columnLabel(name),
             "missing or non-finite value (rows with missing values are not dropped silently)");
}

void requireVarying(std::span<const double> values, const std::string &name, const std::string &role,
                    const std::string &source)
{
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    if (*lo == *hi)
        fail(source, ":" + columnLabel(name), role + " is constant (" + std::to_string(*lo) + ") in every row");
}

void requireDistinctNames(const CausalSpec &spec, const std::string &source)
{
    std::vector<std::string> names = spec.commonCauses;
    names.push_back(spec.treatment);
    names.push_back(spec.outcome);
    std::sort(names.begin(), names.end());
    const auto dup = std::adjacent_find(names.begin(), names.end());
    if (dup != names.end())
        fail(source, ":" + columnLabel(*dup), "used twice among treatment, outcome and common causes");
}

void validate(const CausalData &data, const std::string &source)
{
    requireDistinctNames(data.spec, source);
    requireFinite(data.treatment, data.spec.treatment, source);
    requireFinite(data.outcome, data.spec.outcome, source);
    for (std::size_t j = 0; j < data.commonCauseCount(); ++j)
        requireFinite(data.commonCause(j), data.spec.commonCauses[j], source);
    const std::size_t parameters = data.commonCauseCount() + 2;
    if (data.rows <= parameters)
        fail(source, "", std::to_string(data.rows) + " rows but " + std::to_string(parameters) +
                             " parameters (intercept, treatment, common causes): need more rows than parameters");
    requireVarying(data.treatment, data.spec.treatment, "treatment", source);
    requireVarying(data.outcome, data.spec.outcome, "outcome", source);
}

} // namespace

bool isBinary(std::span<const double> values)
{
    return std::all_of(values.begin(), values.end(), [](double v) { return v == 0.0 || v == 1.0; });
}

bool CausalData::binaryTreatment() const { return isBinary(treatment); }

CausalData makeCausalData(CausalSpec spec, std::vector<double> treatment, std::vector<double> outcome,
                          std::vector<double> commonCauses, const std::string &source)
{
    CausalData data;
    data.rows = treatment.size();
    if (outcome.size() != data.rows || commonCauses.size() != data.rows * spec.commonCauses.size())
        fail(source, "", "treatment, outcome and common-cause columns differ in length");
    data.spec = std::move(spec);
    data.treatment = std::move(treatment);
    data.outcome = std::move(outcome);
    data.commonCauses = std::move(commonCauses);
    validate(data, source);
    return data;
}

CausalData causalDataFromTable(const CsvTable &table, const CausalSpec &spec, const std::string &source)
{
    // Looks columns up by name here (not CsvTable::columnIndex) to report every missing one.
    std::vector<std::string> missing;
    auto columnOf = [&](const std::string &name) -> std::span<const double> {
        const auto it = std::find(table.columns.begin(), table.columns.end(), name);
        if (it == table.columns.end()) {
            missing.push_back(name);
            return {};
        }
        return table.column(static_cast<std::size_t>(it - table.columns.begin()));
    };
    const auto treatment = columnOf(spec.treatment);
    const auto outcome = columnOf(spec.outcome);
    std::vector<double> commonCauses;
    commonCauses.reserve(table.rows * spec.commonCauses.size());
    for (const auto &name : spec.commonCauses) {
        const auto column = columnOf(name);
        commonCauses.insert(commonCauses.end(), column.begin(), column.end());
    }
    if (!missing.empty()) {
        std::string list;
        for (const auto &name : missing)
            list += (list.empty() ? "'" : ", '") + name + "'";
        fail(source, ":1", "no column named " + list + " in the header");
    }
    return makeCausalData(spec, {treatment.begin(), treatment.end()}, {outcome.begin(), outcome.end()},
                          std::move(commonCauses), source);
}

} // namespace e2i::kernels::causal
