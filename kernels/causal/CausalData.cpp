#include "CausalData.h"

#include "io/CsvTable.h"

#include <algorithm>
#include <charconv>
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

namespace {

// One selected common cause, as CSV columns or indicator columns.
struct EncodedCommonCauses {
    std::vector<std::string> names;
    std::vector<double> values; // column-major
    std::vector<CategoricalGroup> groups;
};

std::string levelName(double value)
{
    char text[32];
    const auto [end, ec] = std::to_chars(text, text + sizeof text, value);
    return ec == std::errc() ? std::string(text, end) : std::string("?");
}

// Level indices 0..k-1 of a categorical column and the levels' names: a text column's own
// (already indices), or the sorted distinct numbers of a declared one.
std::vector<std::string> levelsOf(const CsvTable &table, std::size_t c, std::vector<double> &codes)
{
    const auto column = table.column(c);
    codes.assign(column.begin(), column.end());
    if (table.isText(c))
        return table.levels[c];
    std::vector<double> distinct = codes;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    std::vector<std::string> names;
    for (const double v : distinct)
        names.push_back(levelName(v));
    for (double &code : codes)
        code = static_cast<double>(std::lower_bound(distinct.begin(), distinct.end(), code) - distinct.begin());
    return names;
}

void appendIndicators(EncodedCommonCauses &out, const CsvTable &table, std::size_t c, const std::string &name,
                      const std::string &source)
{
    requireFinite(table.column(c), name, source); // before the codes: the line of a missing cell
    std::vector<double> codes;
    const std::vector<std::string> levels = levelsOf(table, c, codes);
    if (levels.size() < 2)
        return; // one level: constant, nothing to adjust for
    out.groups.push_back({out.names.size(), levels.size() - 1});
    for (std::size_t level = 1; level < levels.size(); ++level) {
        out.names.push_back(name + "=" + levels[level]);
        for (const double code : codes)
            out.values.push_back(code == static_cast<double>(level) ? 1.0 : 0.0);
    }
}

void requireNumeric(const CsvTable &table, std::size_t c, const std::string &role, const std::string &source)
{
    if (table.isText(c))
        fail(source, ":" + columnLabel(table.columns[c]),
             "the " + role + " holds text ('" + table.levels[c].front() + "'); it must be numeric");
}

std::size_t requireColumn(const CsvTable &table, const std::string &name, std::vector<std::string> &missing)
{
    const auto it = std::find(table.columns.begin(), table.columns.end(), name);
    if (it == table.columns.end())
        missing.push_back(name);
    return static_cast<std::size_t>(it - table.columns.begin());
}

} // namespace

CausalData causalDataFromTable(const CsvTable &table, const CausalSpec &spec, const std::string &source)
{
    // Looks every column up before failing, to report all the missing ones at once.
    std::vector<std::string> missing;
    const std::size_t treatment = requireColumn(table, spec.treatment, missing);
    const std::size_t outcome = requireColumn(table, spec.outcome, missing);
    std::vector<std::size_t> causes;
    for (const auto &name : spec.commonCauses)
        causes.push_back(requireColumn(table, name, missing));
    if (!missing.empty()) {
        std::string list;
        for (const auto &name : missing)
            list += (list.empty() ? "'" : ", '") + name + "'";
        fail(source, ":1", "no column named " + list + " in the header");
    }
    for (const auto &name : spec.categorical)
        if (std::find(spec.commonCauses.begin(), spec.commonCauses.end(), name) == spec.commonCauses.end())
            fail(source, ":" + columnLabel(name), "declared categorical but not a common cause");
    requireNumeric(table, treatment, "treatment", source);
    requireNumeric(table, outcome, "outcome", source);
    EncodedCommonCauses encoded;
    for (std::size_t k = 0; k < causes.size(); ++k) {
        const std::string &name = spec.commonCauses[k];
        const bool declared = std::find(spec.categorical.begin(), spec.categorical.end(), name) != spec.categorical.end();
        if (declared || table.isText(causes[k])) {
            appendIndicators(encoded, table, causes[k], name, source);
            continue;
        }
        const auto column = table.column(causes[k]);
        encoded.names.push_back(name);
        encoded.values.insert(encoded.values.end(), column.begin(), column.end());
    }
    requireDistinctNames(spec, source);
    const auto t = table.column(treatment);
    const auto y = table.column(outcome);
    CausalData data = makeCausalData({spec.treatment, spec.outcome, std::move(encoded.names), spec.categorical},
                                     {t.begin(), t.end()}, {y.begin(), y.end()}, std::move(encoded.values), source);
    data.categoricalGroups = std::move(encoded.groups);
    return data;
}

} // namespace e2i::kernels::causal
