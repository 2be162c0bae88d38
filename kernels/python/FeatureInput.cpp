#include "FeatureInput.h"

#include <limits>

namespace py = pybind11;

namespace e2i::python {

namespace {

using RowMajorDoubles = py::array_t<double, py::array::c_style>;

// Usable in place: float64 in native byte order, C-contiguous (array_t's check) and aligned.
bool readableInPlace(const py::handle &object)
{
    if (!RowMajorDoubles::check_(object))
        return false;
    const auto array = py::reinterpret_borrow<py::array>(object);
    return (array.flags() & py::detail::npy_api::NPY_ARRAY_ALIGNED_) != 0;
}

RowMajorDoubles asRowMajorDoubles(const py::handle &object, const std::string &name)
{
    if (readableInPlace(object))
        return py::reinterpret_borrow<RowMajorDoubles>(object);
    // One conversion (numpy's own casting rules); forcecast also accepts lists and DataFrames.
    auto converted = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(object);
    if (!converted)
        throw py::value_error(name + " must be a 2-D array of numbers (rows x features)");
    return converted;
}

} // namespace

FeatureInput::FeatureInput(const py::handle &array, const std::string &name)
    : m_array(asRowMajorDoubles(array, name))
{
    if (m_array.ndim() != 2)
        throw py::value_error(name + " must be 2-D (rows x features), not " + std::to_string(m_array.ndim()) + "-D");
    if (m_array.shape(1) > std::numeric_limits<int>::max())
        throw py::value_error(name + " has too many features");
    m_matrix.rows = static_cast<std::size_t>(m_array.shape(0));
    m_matrix.features = static_cast<int>(m_array.shape(1));
    m_matrix.borrowed = m_array.data();
    rejectInfinite(name);
}

void FeatureInput::rejectInfinite(const std::string &name) const
{
    const std::optional<std::size_t> bad = kernels::shap::firstInfiniteValue(m_matrix);
    if (!bad)
        return;
    const auto features = static_cast<std::size_t>(m_matrix.features);
    throw py::value_error(name + "[" + std::to_string(*bad / features) + ", " + std::to_string(*bad % features)
                          + "] is infinite as a float32 (XGBoost rejects inf in prediction data; use NaN for a "
                            "missing value)");
}

} // namespace e2i::python
