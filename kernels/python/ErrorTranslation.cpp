#include "ErrorTranslation.h"

#include "causal/CausalData.h"
#include "common/Cancelled.h"
#include "io/CsvTable.h"
#include "shap/ModelError.h"

namespace e2i::python {

namespace {

constexpr const char *kCancelledType = "Cancelled";

} // namespace

void registerErrorTranslation(pybind11::module_ &module)
{
    // A RuntimeError: code that catches the kernels' failures in general catches this one too.
    // The module holds the type; the translator finds it there (no static Python object,
    // which would be released after the interpreter is gone).
    pybind11::exception<kernels::Cancelled>(module, kCancelledType, PyExc_RuntimeError);
    pybind11::register_exception_translator([](std::exception_ptr error) {
        try {
            if (error)
                std::rethrow_exception(error);
        } catch (const kernels::shap::ModelError &e) {
            PyErr_SetString(PyExc_ValueError, e.what());
        } catch (const kernels::CsvError &e) {
            PyErr_SetString(PyExc_ValueError, e.what());
        } catch (const kernels::causal::CausalInputError &e) {
            PyErr_SetString(PyExc_ValueError, e.what());
        } catch (const kernels::Cancelled &) {
            const pybind11::object type = pybind11::module_::import("e2i_kernels").attr(kCancelledType);
            PyErr_SetString(type.ptr(), "cancelled: the cancel callable answered true");
        }
    });
}

} // namespace e2i::python
