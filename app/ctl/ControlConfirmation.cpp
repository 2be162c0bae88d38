#include "ControlConfirmation.h"

#include "CtlOutput.h"

#include <QTextStream>

#include <unistd.h>

namespace e2i {

bool ControlConfirmation::confirmed(const QCommandLineParser &parser, const ControlTarget &target, const QString &command,
                                    const QString &action)
{
    const QString what = QStringLiteral("%1 in environment '%2'%3")
                             .arg(action, target.environment,
                                  target.production ? QStringLiteral(" (production)") : QString());
    if (!parser.isSet(QStringLiteral("yes"))) {
        if (isatty(STDIN_FILENO))
            return askOnTerminal(target, what);
        ctl::fail(command, what + QStringLiteral(": not confirmed; stdin is not a terminal, pass --yes"), 2);
        return false;
    }
    if (target.production && parser.value(QStringLiteral("confirm-env")) != target.environment) {
        ctl::fail(command, what + QStringLiteral(": a production environment, also pass --confirm-env %1").arg(target.environment), 2);
        return false;
    }
    return true;
}

bool ControlConfirmation::askOnTerminal(const ControlTarget &target, const QString &what)
{
    QTextStream err(stderr);
    QTextStream in(stdin);
    if (target.production)
        err << what << ".\nType the environment's name to confirm: ";
    else
        err << what << ".\nProceed? [y/N] ";
    err.flush();
    const QString answer = in.readLine().trimmed();
    const bool yes = target.production ? answer == target.environment
                                       : answer.compare(QLatin1String("y"), Qt::CaseInsensitive) == 0
                                             || answer.compare(QLatin1String("yes"), Qt::CaseInsensitive) == 0;
    if (!yes)
        err << "not confirmed, nothing done\n";
    return yes;
}

} // namespace e2i
