#pragma once
#include "PlatformSample.h"

namespace e2i {

// The live workers as the event subscriber sees them at one moment.
struct WorkerSnapshot {
    QDateTime takenAt;
    bool connected = false;
    QDateTime listeningSince; // when the current subscription started (invalid while disconnected)
    QString lastError;
    QList<WorkerInfo> workers;
    QList<WorkerInfo> lost; // stopped heartbeating without worker-offline (not a clean shutdown)
};

} // namespace e2i
