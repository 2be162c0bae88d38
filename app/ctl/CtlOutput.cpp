#include "CtlOutput.h"

#include <QTextStream>

namespace e2i::ctl {

void printDiagnostics(const Diagnostics &diagnostics)
{
    QTextStream err(stderr);
    for (const auto &d : diagnostics)
        err << d.toString() << '\n';
}

int fail(const QString &command, const QString &reason, int code)
{
    QTextStream(stderr) << "e2ictl" << (command.isEmpty() ? QString() : u' ' + command) << ": " << reason << '\n';
    return code;
}

} // namespace e2i::ctl
