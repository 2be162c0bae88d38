#include "CancelWatch.h"

#include "common/Cancelled.h"

#include <utility>

namespace e2i::python {

CancelWatch::CancelWatch(pybind11::object callable) : m_callable(std::move(callable))
{
    if (!m_callable.is_none() && !PyCallable_Check(m_callable.ptr()))
        throw pybind11::type_error("cancel must be None or a callable taking no arguments");
}

bool CancelWatch::cancelled()
{
    if (m_raised || m_answered)
        return true; // the exception is pending; running the handlers again would replace it
    const pybind11::gil_scoped_acquire gil;
    m_raised = PyErr_CheckSignals() != 0;
    if (!m_raised && !m_callable.is_none() && std::chrono::steady_clock::now() >= m_nextCall) {
        m_answered = callableAnswersTrue();
        m_nextCall = std::chrono::steady_clock::now() + kCallableInterval;
    }
    return m_raised || m_answered;
}

bool CancelWatch::callableAnswersTrue()
{
    const int truth = [this] {
        const pybind11::handle answer = PyObject_CallNoArgs(m_callable.ptr());
        if (!answer)
            return -1;
        const int isTrue = PyObject_IsTrue(answer.ptr());
        answer.dec_ref();
        return isTrue;
    }();
    // -1: the callable (or its answer's truth) raised; the exception stays set on this thread.
    m_raised = truth < 0;
    return truth > 0;
}

void CancelWatch::throwIfCancelled() const
{
    if (m_raised)
        throw pybind11::error_already_set();
    if (m_answered)
        throw kernels::Cancelled();
}

} // namespace e2i::python
