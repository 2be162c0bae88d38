#pragma once
// A 2-D array of feature rows from Python, as the kernels' FeatureMatrix.
//
// The kernels read rows of doubles, row-major. An array that already is one (float64,
// C-contiguous, aligned, native byte order) is read in place: the FeatureMatrix borrows its
// buffer and this object keeps the array alive. Anything else numpy can convert (float32,
// Fortran order, strided views, integers, a pandas DataFrame) is converted once into a new
// float64 array. NaN is a missing value, as in XGBoost; a value that is infinite as a float32
// is rejected as XGBoost rejects it.
#include "shap/FeatureMatrix.h"

#include <pybind11/numpy.h>

#include <string>

namespace e2i::python {

class FeatureInput {
public:
    // `name` labels error messages ("X", "background"). Throws pybind11::value_error for an
    // array that is not 2-D or holds infinite values. Needs the GIL.
    FeatureInput(const pybind11::handle &array, const std::string &name);

    const kernels::shap::FeatureMatrix &matrix() const { return m_matrix; }

private:
    void rejectInfinite(const std::string &name) const;

    pybind11::array_t<double, pybind11::array::c_style> m_array; // the caller's array, or its one conversion
    kernels::shap::FeatureMatrix m_matrix; // borrows m_array's buffer
};

} // namespace e2i::python
