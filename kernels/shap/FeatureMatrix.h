#pragma once
// Rows of model features, row-major (values[r * features + f]), missing values NaN; built
// from a CSV table by matching its columns to the model, or borrowed from a caller's buffer
// of the same layout (the Python module's numpy arrays, read without a copy).
#include "io/CsvTable.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace e2i::kernels::shap {

struct XgbModel;

struct FeatureMatrix {
    std::size_t rows = 0;
    int features = 0;
    std::vector<double> values;       // the rows, unless `borrowed` is set
    const double *borrowed = nullptr; // set: the rows live there, owned by the caller, who keeps them alive

    const double *data() const { return borrowed ? borrowed : values.data(); }
    const double *row(std::size_t r) const { return data() + r * static_cast<std::size_t>(features); }
};

// Columns are matched by name when the model has feature names (extra columns, such as an id
// or the label, are ignored), else by position, and then the counts must be equal. Throws
// CsvError naming the file, the header line and the column, or the line and column of a value
// that is infinite as a float32 (XGBoost rejects those).
FeatureMatrix matchFeatures(const CsvTable &table, const XgbModel &model, const std::string &source);

// The index into the rows (r * features + f) of the first value that is infinite as a float32,
// which XGBoost rejects as matchFeatures does; nullopt when there is none (NaN is missing, allowed).
std::optional<std::size_t> firstInfiniteValue(const FeatureMatrix &matrix);

} // namespace e2i::kernels::shap
