#pragma once
// The one way a kernel reports that its caller cancelled it: every long-running kernel API
// (runShap, runRefutation, the linear estimate, the parallel runner below them) throws this
// once its cancel predicate answered true, and returns a complete result otherwise.
#include <stdexcept>

namespace e2i::kernels {

class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

} // namespace e2i::kernels
