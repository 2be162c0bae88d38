#include "ControlConfirmation.h"

#include "CtlOutput.h"
#include "control/ControlApproval.h"

#include <QTextStream>

#include <unistd.h>

namespace e2i {

bool ControlConfirmation::confirmed(const QCommandLineParser &parser, const ControlTarget &target, const QString &command,
                                    const QString &action)
{
    const ControlApproval approval(target.environment, target.production);
    const QString what = approval.question(action);
    if (!parser.isSet(QStringLiteral("yes"))) {
        if (isatty(STDIN_FILENO))
            return askOnTerminal(approval, what);
        ctl::fail(command, what + QStringLiteral(": not confirmed; stdin is not a terminal, pass --yes"), 2);
        return false;
    }
    if (!approval.approves(true, parser.value(QStringLiteral("confirm-env")))) {
        ctl::fail(command, what + QStringLiteral(": a production environment, also pass --confirm-env %1").arg(target.environment), 2);
        return false;
    }
    return true;
}

bool ControlConfirmation::askOnTerminal(const ControlApproval &approval, const QString &what)
{
    QTextStream err(stderr);
    QTextStream in(stdin);
    if (approval.needsTypedName())
        err << what << ".\nType the environment's name to confirm: ";
    else
        err << what << ".\nProceed? [y/N] ";
    err.flush();
    const QString answer = in.readLine().trimmed();
    // In production the typed name is the confirmation.
    const bool confirmed = approval.needsTypedName() || answer.compare(QLatin1String("y"), Qt::CaseInsensitive) == 0
                           || answer.compare(QLatin1String("yes"), Qt::CaseInsensitive) == 0;
    const bool yes = approval.approves(confirmed, answer);
    if (!yes)
        err << "not confirmed, nothing done\n";
    return yes;
}

} // namespace e2i
