#pragma once
// The confirmation a changing control action needs, as the console asks it:
// the action and its environment are named; --yes confirms, and for a
// production environment its name must be given too (--confirm-env NAME).
// Without --yes the question is asked on a terminal; with stdin not a
// terminal the action is refused.
#include "ControlTarget.h"

#include <QCommandLineParser>

namespace e2i {

class ControlApproval;

class ControlConfirmation
{
public:
    // True when confirmed; otherwise the reason was printed (exit 2).
    static bool confirmed(const QCommandLineParser &parser, const ControlTarget &target, const QString &command,
                          const QString &action);

private:
    static bool askOnTerminal(const ControlApproval &approval, const QString &what);
};

} // namespace e2i
