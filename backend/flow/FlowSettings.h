#pragma once
// Thresholds and bounds of the work-flow view. Defaults are the issue's; the
// console.yml wiring reads into this struct.
#include <QtGlobal>

namespace e2i {

struct FlowSettings {
    int stallSeconds = 60;           // queued work and no `processed` movement for this long
    double failingRate = 0.20;       // failure rate above which a task name is `failing`
    int failingMinTasks = 5;         // ... with at least this many finished in the window
    int failingWindowMinutes = 5;
    int lostWorkerForgetSeconds = 600; // a lost worker that never returns stops being reported
    qint64 growthWindowMs = 60'000;  // "growing" compares queued work with this long ago
    int consumerReplyTimeoutMs = 1000; // active_queues replies collected for this long
    // Task arguments can hold secrets: kept out of every output unless set.
    bool showTaskArgs = false;
    int argsMaxChars = 120;
    // Memory bounds, whatever the run time.
    int maxTrackedTasks = 10'000; // lookup by task id (LRU)
    int maxFailures = 100;        // recent failures kept
    int maxTaskKeys = 128;        // (name, queue, tier) series; the least recently seen goes
    int slowestRunning = 10;
    int tracebackMaxChars = 8000; // the tail is kept: the raise is at the end
};

} // namespace e2i
