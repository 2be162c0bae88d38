#pragma once
// The kernels' input errors as Python's ValueError, with the kernels' own messages: a model
// that does not parse (ModelError), bad data (CsvError, CausalInputError). std::invalid_argument
// (inconsistent feature counts, a bad background) is already ValueError in pybind11; anything
// else stays RuntimeError.
namespace e2i::python {

void registerErrorTranslation();

} // namespace e2i::python
