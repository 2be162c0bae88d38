#pragma once
// Writes SHAP results as CSV, the format of `e2i-kernels shap`:
//   values:       header = [class,] feature names..., bias; one line per row, and for several
//                 output groups one line per (row, class), rows first.
//   interactions: header = row, [class,] feature, feature names..., bias; one line per
//                 (row, class, feature) holding that feature's row of the matrix; the last
//                 line of each matrix has feature = bias.
// Numbers are written in the shortest form that reads back to the same double.
#include "ShapRunner.h"

#include <cstdio>
#include <string>
#include <vector>

namespace e2i::kernels::shap {

// `names`: one per feature. Throws std::runtime_error when the stream fails.
void writeShapCsv(std::FILE *out, const ShapResult &result, const std::vector<std::string> &names);

} // namespace e2i::kernels::shap
