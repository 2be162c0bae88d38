#include "ControlApproval.h"

namespace e2i {

ControlApproval::ControlApproval(QString environment, bool production)
    : m_environment(std::move(environment))
    , m_production(production)
{
}

QString ControlApproval::question(const QString &action) const
{
    return QStringLiteral("%1 in environment '%2'%3")
        .arg(action, m_environment, m_production ? QStringLiteral(" (production)") : QString());
}

bool ControlApproval::approves(bool confirmed, const QString &typedName) const
{
    if (!confirmed)
        return false;
    // Exactly the name: a production action is never one keystroke away.
    return !m_production || typedName == m_environment;
}

} // namespace e2i
