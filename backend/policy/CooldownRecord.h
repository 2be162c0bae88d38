#pragma once
// When a tier last changed, for the cooldown rules (AUTOSCALER.md rules 3–5): one record
// per tier, kept by the live autoscaler loop and by the what-if simulator alike.
//
// Dating rule: a change is dated by the instant of the decision that made it (AUTOSCALER.md
// is silent; the decision's poll is what the operator sees in the log, and a scale that
// then waits for new workers' first heartbeat must not stretch the cooldown). The engine
// counts whole seconds, so the date is the first whole second not before that instant
// (the ceiling). A decision at 100.4 s is dated
// 101, so the engine, which reads the clock as whole seconds rounded down, can never let
// a cooldown end early: at 160.9 s it sees 160 − 101 = 59 < 60. The simulator's instants
// are whole seconds already, so for it the date is the instant itself.
#include "policy/ScalingDecision.h"
#include "policy/TierInputs.h"

#include <chrono>
#include <optional>

namespace e2i {

struct CooldownRecord {
    std::optional<std::chrono::seconds> lastScaleUp; // empty: never scaled up
    std::optional<std::chrono::seconds> lastChange;  // empty: never changed

    // The engine's inputs for one poll at `now` (whole seconds).
    TierInputs inputs(qint64 queued, int running, std::chrono::seconds now) const;

    // Records `decision`, taken at `decidedAt` while `running` replicas ran, once it was
    // carried out; a decision that keeps the replica count records nothing.
    void record(const ScalingDecision &decision, int running, std::chrono::milliseconds decidedAt);

    // The whole second a change at `instant` is dated at (the rule above).
    static std::chrono::seconds dateOf(std::chrono::milliseconds instant);
};

} // namespace e2i
