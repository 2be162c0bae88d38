#include "AlertState.h"

namespace e2i {

QString AlertState::phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Inactive:
        return QStringLiteral("inactive");
    case Phase::Pending:
        return QStringLiteral("pending");
    case Phase::Firing:
        return QStringLiteral("firing");
    case Phase::Resolved:
        return QStringLiteral("resolved");
    }
    return {};
}

} // namespace e2i
