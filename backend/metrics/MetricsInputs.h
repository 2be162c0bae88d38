#pragma once
// Everything the /metrics endpoint reports, as last received: the monitor's
// sample and flow snapshot, the cost estimate, the recorder's health. Each
// part is optional; a part that is absent is left out of the exposition.
#include "flow/TaskFlowSnapshot.h"
#include "history/HistoryRecorder.h"
#include "monitor/PlatformSample.h"

#include <optional>

namespace e2i {

struct MetricsInputs {
    std::optional<PlatformSample> sample;
    // False until the monitor has heard a full heartbeat period: before that,
    // "no live workers" is not yet a fact (PlatformMonitor::isComplete).
    bool complete = false;
    std::optional<TaskFlowSnapshot> flow;
    std::optional<double> costUsdPerHour;
    std::optional<RecorderStatus> recorder;
};

} // namespace e2i
