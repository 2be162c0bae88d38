#pragma once
#include "platform/PlatformProfile.h"
#include "policy/DepthTrace.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace e2i {

struct WhatIfOptions {
    // Tasks one replica of the tier completes per minute (tier name -> rate).
    QHash<QString, double> tasksPerReplicaPerMinute;
    // Replicas at the start of the trace; a tier not listed starts at its min_replicas.
    QHash<QString, int> initialReplicas;
};

struct TierSimulation {
    QString tier;
    QList<qint64> times;     // epoch seconds of every tick
    QList<int> replicas;     // after the tick's decision; serves until the next tick
    QList<double> backlog;   // tasks waiting when the policy looked, at every tick
    qint64 arrived = 0;      // tasks that arrived during the trace (initial backlog included)
    double stillQueued = 0;  // tasks waiting at the end of the trace
    double meanWaitSeconds = 0;
    double worstWaitSeconds = 0;
    double replicaHours = 0;
};

struct WhatIfResult {
    QList<TierSimulation> tiers;
    QStringList notes; // inputs that could not be used, and why
};

// Replays a recorded queue-depth trace through an autoscale policy, tick by tick,
// to show what the policy would have done and what it would have cost in waiting.
//
// Model (a fluid queue per tier, one tick = poll_interval_seconds = dt):
// - Arrivals are derived from the trace: the tier's queues' depths at the first
//   sample are the initial backlog; afterwards, every rise of a queue's recorded
//   depth between two ticks counts as that many new tasks (falls are the recorded
//   platform's own workers draining it, which the simulation replaces with its
//   own). When the real workers drained and refilled a queue between two samples,
//   arrivals are underestimated: the result is a lower bound on the load.
// - At each tick, in this order: the tick's arrivals join the backlog; the replicas
//   chosen at the previous tick serve replicas * rate * dt / 60 tasks, oldest first;
//   PolicyEngine::decide sees queued = ceil(backlog) and running = replicas, and its
//   target takes effect at once (containers start instantly). Any increase restarts
//   the scale-up cooldown; any change restarts the scale-down one.
// - Waits are measured first-in first-out at tick resolution: a task arriving at
//   tick i and served at tick j waited (j - i) * dt. Tasks still queued at the end
//   count with the wait they have had so far. Replica-hours sum replicas * dt.
// Queues in the trace that no tier consumes are ignored (listed in notes).
namespace WhatIfSimulator {

WhatIfResult run(const AutoscalePolicy &policy, const DepthTrace &trace, const WhatIfOptions &options);

} // namespace WhatIfSimulator
} // namespace e2i
