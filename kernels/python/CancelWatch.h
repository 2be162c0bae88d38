#pragma once
// Lets the caller stop a kernel that runs with the GIL released: Ctrl-C (SIGINT), and the
// optional `cancel` callable of shap() and refute() (a Celery task's "was my job cancelled?").
//
// Python's own SIGINT handler only sets a flag; KeyboardInterrupt is raised when the main
// thread next runs Python code, which it does not do while it waits in a kernel. The kernels
// poll a cancel predicate on the calling thread every ~10 ms (ShapRunner.h,
// RefutationRunner.h); this predicate takes the GIL back for a moment and runs the pending
// signal handlers (PyErr_CheckSignals) and, at most every kCallableInterval, the callable
// (its first call before any work). A handler or the callable raising, or the callable
// answering true, tells the kernel to stop; once it has returned, the exception is thrown, or
// kernels::Cancelled (e2i_kernels.Cancelled in Python) for a true answer.
#include <pybind11/pybind11.h>

#include <chrono>

namespace e2i::python {

class CancelWatch {
public:
    // A callable's poll takes the GIL: often enough to stop within a fraction of a second,
    // rarely enough that a callable reading a Redis key costs the kernel nothing measurable.
    static constexpr std::chrono::milliseconds kCallableInterval{250};

    // `callable`: None, or called without arguments; needs the GIL.
    explicit CancelWatch(pybind11::object callable);

    // Called with the GIL released, on the thread that released it. True once cancelled.
    bool cancelled();
    // With the GIL held: throws the pending Python exception (KeyboardInterrupt, the
    // callable's), or kernels::Cancelled when the callable answered true; else nothing.
    void throwIfCancelled() const;

private:
    bool callableAnswersTrue();

    pybind11::object m_callable;
    std::chrono::steady_clock::time_point m_nextCall{}; // the first poll calls it
    bool m_raised = false;   // a Python exception is pending on this thread
    bool m_answered = false; // the callable answered true
};

} // namespace e2i::python
