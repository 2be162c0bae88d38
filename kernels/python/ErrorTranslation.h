#pragma once
// The kernels' input errors as Python's ValueError, with the kernels' own messages: a model
// that does not parse (ModelError), bad data (CsvError, CausalInputError). std::invalid_argument
// (inconsistent feature counts, a bad background) is already ValueError in pybind11; anything
// else stays RuntimeError. A run stopped by its `cancel` callable (kernels::Cancelled) raises
// e2i_kernels.Cancelled, a RuntimeError made here on `module`.
#include <pybind11/pybind11.h>

namespace e2i::python {

void registerErrorTranslation(pybind11::module_ &module);

} // namespace e2i::python
