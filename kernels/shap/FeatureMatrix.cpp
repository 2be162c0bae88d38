#include "FeatureMatrix.h"

#include "XgbModel.h"

#include <cmath>

namespace e2i::kernels::shap {

namespace {

std::vector<std::size_t> columnsByName(const CsvTable &table, const XgbModel &model, const std::string &source)
{
    std::vector<std::size_t> columns;
    for (const std::string &name : model.featureNames) {
        const std::optional<std::size_t> c = table.columnIndex(name);
        if (!c)
            throw CsvError(source, 1, name, "the model's feature is not a column of the data");
        columns.push_back(*c);
    }
    return columns;
}

std::vector<std::size_t> columnsByPosition(const CsvTable &table, const XgbModel &model, const std::string &source)
{
    const auto expected = static_cast<std::size_t>(model.featureCount);
    if (table.columns.size() != expected)
        throw CsvError(source, 1, {},
                       "the data has " + std::to_string(table.columns.size()) + " columns but the model (without "
                           "feature names) has " + std::to_string(expected) + " features");
    std::vector<std::size_t> columns(expected);
    for (std::size_t f = 0; f < expected; ++f)
        columns[f] = f;
    return columns;
}

// Doubles at least this large round to an infinite float32 (2^128 - 2^103 is halfway between
// FLT_MAX and 2^128, and the tie goes to the even 2^128).
const double kFloat32Overflow = std::ldexp(1.0, 128) - std::ldexp(1.0, 103);

// XGBoost 1.7.4 refuses to build a DMatrix from data holding inf ("Input data contains `inf`
// or `nan`"), also for finite doubles that overflow its float32. Its predictions for such rows
// do not exist, so neither may ours.
bool isInfiniteAsFloat32(double value)
{
    return std::fabs(value) >= kFloat32Overflow; // NaN (missing) compares false
}

void rejectInfinite(std::span<const double> column, const std::string &name, const std::string &source)
{
    for (std::size_t r = 0; r < column.size(); ++r)
        if (isInfiniteAsFloat32(column[r]))
            throw CsvError(source, r + 2, name,
                           "value is infinite as a float32 (XGBoost rejects inf in prediction data; leave the cell "
                           "empty for a missing value)");
}

} // namespace

FeatureMatrix matchFeatures(const CsvTable &table, const XgbModel &model, const std::string &source)
{
    const std::vector<std::size_t> columns = model.featureNames.empty() ? columnsByPosition(table, model, source)
                                                                        : columnsByName(table, model, source);
    FeatureMatrix matrix;
    matrix.rows = table.rows;
    matrix.features = model.featureCount;
    matrix.values.resize(matrix.rows * columns.size());
    for (std::size_t f = 0; f < columns.size(); ++f) {
        const std::span<const double> column = table.column(columns[f]);
        rejectInfinite(column, table.columns[columns[f]], source);
        for (std::size_t r = 0; r < matrix.rows; ++r)
            matrix.values[r * columns.size() + f] = column[r];
    }
    return matrix;
}

std::optional<std::size_t> firstInfiniteValue(const FeatureMatrix &matrix)
{
    const std::size_t count = matrix.rows * static_cast<std::size_t>(matrix.features);
    const double *values = matrix.data();
    for (std::size_t i = 0; i < count; ++i)
        if (isInfiniteAsFloat32(values[i]))
            return i;
    return std::nullopt;
}

} // namespace e2i::kernels::shap
