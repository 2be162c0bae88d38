#pragma once
// Rows of model features, row-major (values[r * features + f]), missing values NaN; built
// from a CSV table by matching its columns to the model.
#include "io/CsvTable.h"

#include <cstddef>
#include <string>
#include <vector>

namespace e2i::kernels::shap {

struct XgbModel;

struct FeatureMatrix {
    std::size_t rows = 0;
    int features = 0;
    std::vector<double> values;

    const double *row(std::size_t r) const { return values.data() + r * static_cast<std::size_t>(features); }
};

// Columns are matched by name when the model has feature names (extra columns, such as an id
// or the label, are ignored), else by position, and then the counts must be equal. Throws
// CsvError naming the file, the header line and the column, or the line and column of a value
// that is infinite as a float32 (XGBoost rejects those).
FeatureMatrix matchFeatures(const CsvTable &table, const XgbModel &model, const std::string &source);

} // namespace e2i::kernels::shap
