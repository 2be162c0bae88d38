#include "policy/CooldownRecord.h"

namespace e2i {

TierInputs CooldownRecord::inputs(qint64 queued, int running, std::chrono::seconds now) const
{
    return TierInputs{queued, running, now, lastScaleUp, lastChange};
}

void CooldownRecord::record(const ScalingDecision &decision, int running, std::chrono::milliseconds decidedAt)
{
    if (!decision.changesReplicas(running))
        return;
    const std::chrono::seconds date = dateOf(decidedAt);
    if (decision.isIncrease(running))
        lastScaleUp = date;
    lastChange = date;
}

std::chrono::seconds CooldownRecord::dateOf(std::chrono::milliseconds instant)
{
    return std::chrono::ceil<std::chrono::seconds>(instant);
}

} // namespace e2i
