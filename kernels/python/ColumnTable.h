#pragma once
// The columns a refutation needs, taken from a Python mapping of column name -> 1-D array (a
// dict of numpy arrays, or a pandas DataFrame: both answer `name in data` and `data[name]`),
// as the in-memory CsvTable that `e2i-kernels refute` reads from a file. The same
// causalDataFromTable then selects, validates and one-hot encodes them, so the module and the
// CLI agree on every check and every message.
//
// Numeric, boolean and numeric object columns are read as float64 (NaN and None missing).
// String columns (numpy str/bytes, or objects that are all str or missing) are text columns,
// as CsvOptions::textColumns makes them: their distinct values sorted bytewise (UTF-8) as
// levels, each cell the index of its level.
#include "io/CsvTable.h"

#include <pybind11/pybind11.h>

#include <string>
#include <vector>

namespace e2i::python {

// Only `names` are taken; those `data` lacks are left out, so that causalDataFromTable
// reports every missing one. Throws pybind11::value_error for a column that is not 1-D, that
// differs in length from the others, or that mixes text and numbers. Needs the GIL.
kernels::CsvTable tableFromColumns(const pybind11::handle &data, const std::vector<std::string> &names);

} // namespace e2i::python
