#pragma once
#include "platform/PlatformProfile.h"
#include "policy/ScalingDecision.h"
#include "policy/TierInputs.h"

namespace e2i::PolicyEngine {

// The platform autoscaler's decision for one tier at one poll, exactly as
// resources/platform/AUTOSCALER.md ("Decision") states it. Pure: no I/O, no clock.
// Where the rules are silent:
// - never scaled (no timestamp) counts as cooldown passed;
// - a rule whose target equals `running` (scale up at max, scale down at min, an
//   idle tier at 0) is reported as Hold, saying why;
// - a cooldown that blocks a scale-up or activation gives Hold with the seconds left;
// - the caller restarts the scale-up cooldown on every increase (ScaleUp, Activate,
//   RaiseToMin) and the scale-down one on every change: CooldownRecord.
ScalingDecision decide(const TierPolicy &tier, const TierInputs &in);

// The queue depths at which decide() acts for `running` replicas, cooldowns aside, for
// charts that draw them: it scales up (or activates) when queued > scaleUp, and scales
// down when queued < scaleDown. At 0 replicas any queued task activates (scaleUp 0) and
// nothing scales down (no scaleDown).
struct ActionLevels {
    double scaleUp = 0.0;
    std::optional<double> scaleDown;
};
ActionLevels actionLevels(const TierPolicy &tier, int running);

// "at least N seconds have passed": a boundary `now - last == cooldown` passes.
bool cooldownPassed(std::optional<std::chrono::seconds> last, std::chrono::seconds now,
                    int cooldownSeconds);

} // namespace e2i::PolicyEngine
