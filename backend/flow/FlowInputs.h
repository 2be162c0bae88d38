#pragma once
#include "QueueConsumers.h"
#include "TaskCounts.h"
#include "monitor/PlatformSample.h"

#include <QHash>
#include <QSet>

namespace e2i {

// Everything one evaluation of the flow findings looks at, from one sample.
struct FlowInputs {
    QDateTime now;             // UTC, the sample's time
    bool countsKnown = false;  // queues and worker events readable
    QList<TierState> tiers;
    QList<QueueDepth> queues;
    QList<WorkerInfo> lostWorkers;           // stopped heartbeating without worker-offline
    QueueConsumers consumers;                // what the workers answered to active_queues
    QHash<QString, TaskCounts> failingWindow; // task name -> counts over the failing window
    QSet<QString> growingTiers;              // queued work grew over the growth window
    QHash<QString, int> concurrency;         // tier -> per-worker concurrency (0 = unknown)
};

} // namespace e2i
