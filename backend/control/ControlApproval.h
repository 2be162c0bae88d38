#pragma once
// Whether a control action that changes something may go ahead: the operator
// confirmed it, and for a production environment also gave the environment's
// name (typed in the console's dialog, `--confirm-env` or typed at e2ictl's
// terminal question). One rule for the console and e2ictl, so the two can
// never disagree on what production needs.
#include <QString>

namespace e2i {

class ControlApproval
{
public:
    ControlApproval(QString environment, bool production);

    bool needsTypedName() const { return m_production; }
    const QString &environment() const { return m_environment; }
    // "shut down on w1 in environment 'prod' (production)": what the confirmation asks.
    QString question(const QString &action) const;
    // True when the action may go ahead. `typedName` counts only in production.
    bool approves(bool confirmed, const QString &typedName) const;

private:
    QString m_environment;
    bool m_production;
};

} // namespace e2i
