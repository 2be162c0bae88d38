#pragma once
// A program of this build (e2ictl, e2i-console) run to its end from a test: one
// way to do it for every integration test, with a bound on the wait so a hung
// command fails the test instead of hanging it.
#include <QByteArray>
#include <QStringList>

namespace e2i::test {

struct ProgramRun {
    int exitCode = -1; // -1: it crashed or did not finish within the timeout
    QByteArray out;
    QByteArray err;
};

QString ctlProgram();
QString consoleProgram();

// Runs PROGRAM ARGUMENTS; its stderr is also printed to the test log, so a
// failing assertion shows what the command said.
ProgramRun runProgram(const QString &program, const QStringList &arguments, int timeoutMs = 60'000);
inline ProgramRun runCtl(const QStringList &arguments, int timeoutMs = 60'000)
{
    return runProgram(ctlProgram(), arguments, timeoutMs);
}

} // namespace e2i::test
