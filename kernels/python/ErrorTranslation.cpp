#include "ErrorTranslation.h"

#include "causal/CausalData.h"
#include "io/CsvTable.h"
#include "shap/ModelError.h"

#include <pybind11/pybind11.h>

namespace e2i::python {

void registerErrorTranslation()
{
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
        }
    });
}

} // namespace e2i::python
