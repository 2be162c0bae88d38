#include "policy/ScalingDecision.h"

namespace e2i {

QString actionName(ScalingDecision::Action action)
{
    switch (action) {
    case ScalingDecision::Action::Hold: return QStringLiteral("hold");
    case ScalingDecision::Action::ScaleUp: return QStringLiteral("scale up");
    case ScalingDecision::Action::ScaleDown: return QStringLiteral("scale down");
    case ScalingDecision::Action::Activate: return QStringLiteral("activate");
    case ScalingDecision::Action::RaiseToMin: return QStringLiteral("raise to min");
    case ScalingDecision::Action::LowerToMax: return QStringLiteral("lower to max");
    }
    return {};
}

} // namespace e2i
