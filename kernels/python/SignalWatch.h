#pragma once
// Lets Ctrl-C (SIGINT) stop a kernel that runs with the GIL released.
//
// Python's own SIGINT handler only sets a flag; KeyboardInterrupt is raised when the main
// thread next runs Python code, which it does not do while it waits in a kernel. The kernels
// poll a cancel predicate on the calling thread every ~10 ms (ShapRunner.h,
// RefutationRunner.h); this predicate takes the GIL back for a moment and runs the pending
// signal handlers (PyErr_CheckSignals). When one raises, the kernel is told to stop and the
// exception stays set on this thread, to be thrown once the kernel has returned.
#include <pybind11/pybind11.h>

namespace e2i::python {

class SignalWatch {
public:
    // Called with the GIL released, on the thread that released it. True once a handler raised.
    bool cancelled();
    // With the GIL held: throws the handler's exception (KeyboardInterrupt) if one was raised.
    void throwIfRaised() const;

private:
    bool m_raised = false;
};

} // namespace e2i::python
