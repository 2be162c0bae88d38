#include "ProgramRun.h"

#include <QProcess>
#include <QtGlobal>

namespace e2i::test {

QString ctlProgram()
{
    return QStringLiteral(E2I_BINARY_DIR "/app/e2ictl");
}

QString consoleProgram()
{
    return QStringLiteral(E2I_BINARY_DIR "/app/e2i-console");
}

ProgramRun runProgram(const QString &program, const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.start(program, arguments);
    ProgramRun run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5'000);
    } else if (process.exitStatus() == QProcess::NormalExit) {
        run.exitCode = process.exitCode();
    }
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    if (!run.err.isEmpty())
        qInfo("%s", run.err.constData());
    return run;
}

} // namespace e2i::test
