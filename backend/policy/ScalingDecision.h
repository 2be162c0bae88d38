#pragma once
#include <QString>

namespace e2i {

// One tier's decision at one poll; `reason` carries the inputs so it can be logged as is.
struct ScalingDecision {
    enum class Action {
        Hold,       // target == running
        ScaleUp,    // rule 4
        ScaleDown,  // rule 5
        Activate,   // rule 2: from zero replicas because work is queued
        RaiseToMin, // rule 1: below min_replicas
        LowerToMax, // rule 1: above max_replicas
    };

    int target = 0;
    Action action = Action::Hold;
    QString reason;

    bool changesReplicas(int running) const { return target != running; }
    // True for every decision that adds replicas, which restarts the scale-up cooldown.
    bool isIncrease(int running) const { return target > running; }
};

QString actionName(ScalingDecision::Action action);

} // namespace e2i
