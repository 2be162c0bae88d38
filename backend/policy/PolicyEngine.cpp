#include "policy/PolicyEngine.h"

#include <algorithm>

namespace e2i {

namespace PolicyEngine {
namespace {

using Action = ScalingDecision::Action;

// Shortest readable form with at least one decimal: 12.5, 10.0, 0.45.
QString formatLoad(double value)
{
    QString text = QString::number(value, 'f', 2);
    while (text.endsWith(QLatin1Char('0')) && !text.endsWith(QLatin1String(".0")))
        text.chop(1);
    return text;
}

QString transition(int from, int to)
{
    return QString::number(from) % QStringLiteral(" -> ") % QString::number(to);
}

qint64 secondsLeft(std::optional<std::chrono::seconds> last, std::chrono::seconds now,
                   int cooldownSeconds)
{
    return (*last + std::chrono::seconds(cooldownSeconds) - now).count();
}

ScalingDecision hold(int running, const QString &why)
{
    return {running, Action::Hold, why % QStringLiteral(", hold at ") % QString::number(running)};
}

std::optional<ScalingDecision> applyBounds(const TierPolicy &tier, const TierInputs &in)
{
    if (in.running < tier.minReplicas) {
        return ScalingDecision{tier.minReplicas, Action::RaiseToMin,
                               QStringLiteral("running %1 < min_replicas %2, raise ")
                                       .arg(in.running).arg(tier.minReplicas)
                                   % transition(in.running, tier.minReplicas)};
    }
    if (in.running > tier.maxReplicas) {
        return ScalingDecision{tier.maxReplicas, Action::LowerToMax,
                               QStringLiteral("running %1 > max_replicas %2, lower ")
                                       .arg(in.running).arg(tier.maxReplicas)
                                   % transition(in.running, tier.maxReplicas)};
    }
    return std::nullopt;
}

ScalingDecision activate(const TierPolicy &tier, const TierInputs &in)
{
    const QString queued = QStringLiteral("0 replicas with %1 queued").arg(in.queued);
    if (!cooldownPassed(in.lastScaleUp, in.now, tier.scaleUpCooldownSeconds)) {
        return hold(in.running, queued % QStringLiteral(", scale-up cooldown %1 s left")
                                    .arg(secondsLeft(in.lastScaleUp, in.now,
                                                     tier.scaleUpCooldownSeconds)));
    }
    const int target =
        std::min(tier.maxReplicas, std::max(tier.minReplicas, tier.scaleUpStep));
    return {target, Action::Activate, queued % QStringLiteral(", activate ") % transition(0, target)};
}

ScalingDecision scaleUp(const TierPolicy &tier, const TierInputs &in, const QString &load)
{
    if (in.running >= tier.maxReplicas)
        return hold(in.running, load % QStringLiteral(" but already at max_replicas"));
    if (!cooldownPassed(in.lastScaleUp, in.now, tier.scaleUpCooldownSeconds)) {
        return hold(in.running, load % QStringLiteral(", scale-up cooldown %1 s left")
                                   .arg(secondsLeft(in.lastScaleUp, in.now,
                                                    tier.scaleUpCooldownSeconds)));
    }
    const int target = std::min(tier.maxReplicas, in.running + tier.scaleUpStep);
    return {target, Action::ScaleUp, load % QStringLiteral(", scale up ") % transition(in.running, target)};
}

ScalingDecision scaleDown(const TierPolicy &tier, const TierInputs &in, const QString &load)
{
    if (in.running <= tier.minReplicas)
        return hold(in.running, load % QStringLiteral(" but already at min_replicas"));
    if (!cooldownPassed(in.lastChange, in.now, tier.scaleDownCooldownSeconds)) {
        return hold(in.running, load % QStringLiteral(", scale-down cooldown %1 s left")
                                   .arg(secondsLeft(in.lastChange, in.now,
                                                    tier.scaleDownCooldownSeconds)));
    }
    const int target = std::max(tier.minReplicas, in.running - tier.scaleDownStep);
    return {target, Action::ScaleDown, load % QStringLiteral(", scale down ") % transition(in.running, target)};
}

} // namespace

bool cooldownPassed(std::optional<std::chrono::seconds> last, std::chrono::seconds now,
                    int cooldownSeconds)
{
    // Never scaled: nothing to cool down from. A clock that went backwards
    // (now < last) gives a negative elapsed time and keeps the cooldown running,
    // the cautious choice.
    if (!last)
        return true;
    return now - *last >= std::chrono::seconds(cooldownSeconds);
}

ActionLevels actionLevels(const TierPolicy &tier, int running)
{
    if (running == 0)
        return {0.0, std::nullopt};
    return {tier.scaleUpThreshold * running, tier.scaleDownThreshold * running};
}

ScalingDecision decide(const TierPolicy &tier, const TierInputs &in)
{
    if (auto bounded = applyBounds(tier, in))
        return *bounded;
    if (in.running == 0 && in.queued > 0)
        return activate(tier, in);

    const double load = double(in.queued) / double(std::max(in.running, 1));
    const QString loadText = QStringLiteral("load ") % formatLoad(load);
    if (load > tier.scaleUpThreshold)
        return scaleUp(tier, in, loadText % QStringLiteral(" > ") % formatLoad(tier.scaleUpThreshold));
    if (load < tier.scaleDownThreshold)
        return scaleDown(tier, in, loadText % QStringLiteral(" < ") % formatLoad(tier.scaleDownThreshold));
    return hold(in.running, loadText % QStringLiteral(" within [") % formatLoad(tier.scaleDownThreshold)
                                % QStringLiteral(", ") % formatLoad(tier.scaleUpThreshold) % QStringLiteral("]"));
}

} // namespace PolicyEngine
} // namespace e2i
