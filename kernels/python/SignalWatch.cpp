#include "SignalWatch.h"

namespace e2i::python {

bool SignalWatch::cancelled()
{
    if (m_raised)
        return true; // the exception is pending; running the handlers again would replace it
    const pybind11::gil_scoped_acquire gil;
    m_raised = PyErr_CheckSignals() != 0;
    return m_raised;
}

void SignalWatch::throwIfRaised() const
{
    if (m_raised)
        throw pybind11::error_already_set();
}

} // namespace e2i::python
