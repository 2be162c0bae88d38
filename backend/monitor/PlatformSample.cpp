#include "PlatformSample.h"

namespace e2i {

QString healthStatusName(HealthStatus status)
{
    switch (status) {
    case HealthStatus::Up:
        return QStringLiteral("up");
    case HealthStatus::Degraded:
        return QStringLiteral("degraded");
    case HealthStatus::Down:
        return QStringLiteral("down");
    case HealthStatus::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

const TierState *PlatformSample::tier(const QString &name) const
{
    for (const auto &t : tiers)
        if (t.name == name)
            return &t;
    return nullptr;
}

} // namespace e2i
