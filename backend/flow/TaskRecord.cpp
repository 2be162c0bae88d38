#include "TaskRecord.h"

namespace e2i {

QString taskStateName(TaskRecord::State state)
{
    switch (state) {
    case TaskRecord::State::Sent: return QStringLiteral("sent");
    case TaskRecord::State::Received: return QStringLiteral("received");
    case TaskRecord::State::Started: return QStringLiteral("started");
    case TaskRecord::State::Succeeded: return QStringLiteral("succeeded");
    case TaskRecord::State::Failed: return QStringLiteral("failed");
    case TaskRecord::State::Retried: return QStringLiteral("retried");
    case TaskRecord::State::Rejected: return QStringLiteral("rejected");
    case TaskRecord::State::Revoked: break;
    }
    return QStringLiteral("revoked");
}

} // namespace e2i
