#pragma once
#include <QtGlobal>

#include <chrono>
#include <optional>

namespace e2i {

// What the autoscaler observes for one tier at one poll (AUTOSCALER.md, "Inputs").
// Times are seconds on one clock of the caller's choosing (epoch seconds in the
// product, seconds since the trace start in the simulator).
struct TierInputs {
    qint64 queued = 0; // summed over the tier's queues, priority sub-queues included
    int running = 0;   // current replica count
    std::chrono::seconds now{0};
    std::optional<std::chrono::seconds> lastScaleUp;  // empty: never scaled up
    std::optional<std::chrono::seconds> lastChange;   // empty: never changed
};

} // namespace e2i
