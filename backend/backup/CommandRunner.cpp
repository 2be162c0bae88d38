#include "CommandRunner.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>

namespace e2i {
namespace {

constexpr int kPollSliceMs = 100;
constexpr int kTailLines = 3;
constexpr qint64 kTailBytes = 4096;

void appendToLog(const QString &logPath, const QString &text)
{
    QFile log(logPath);
    if (log.open(QIODevice::WriteOnly | QIODevice::Append))
        log.write(text.toUtf8());
}

void stop(QProcess &process)
{
    process.kill();
    process.waitForFinished(5'000);
}

} // namespace

QStringList CommandRunner::expand(const QString &commandTemplate, const QHash<QString, QString> &values)
{
    QStringList argv = QProcess::splitCommand(commandTemplate);
    for (QString &argument : argv)
        for (auto it = values.cbegin(); it != values.cend(); ++it)
            argument.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), it.value());
    return argv;
}

QString CommandRunner::logTail(const QString &logPath)
{
    QFile log(logPath);
    if (!log.open(QIODevice::ReadOnly))
        return {};
    log.seek(qMax<qint64>(0, log.size() - kTailBytes));
    const QStringList lines = QString::fromUtf8(log.readAll()).trimmed().split(QLatin1Char('\n'));
    return lines.mid(qMax<qsizetype>(0, lines.size() - kTailLines)).join(QStringLiteral(" | "));
}

CommandOutcome CommandRunner::run(const QStringList &argv, int timeoutMs, const QString &logPath,
                                  const std::atomic_bool &cancel)
{
    CommandOutcome outcome;
    if (argv.isEmpty()) {
        outcome.message = QStringLiteral("empty command");
        return outcome;
    }
    const QString shown = argv.join(QLatin1Char(' '));
    appendToLog(logPath, QStringLiteral("$ %1\n").arg(shown));
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardOutputFile(logPath, QIODevice::Append);
    process.start(argv.first(), argv.mid(1));
    if (!process.waitForStarted(timeoutMs)) {
        outcome.message = QStringLiteral("cannot start '%1': %2").arg(argv.first(), process.errorString());
        appendToLog(logPath, outcome.message + QLatin1Char('\n'));
        return outcome;
    }
    const QDeadlineTimer deadline(timeoutMs);
    while (!process.waitForFinished(kPollSliceMs)) {
        if (cancel.load()) {
            stop(process);
            outcome.result = CommandOutcome::Result::Cancelled;
            outcome.message = QStringLiteral("cancelled: '%1' killed").arg(shown);
        } else if (deadline.hasExpired()) {
            stop(process);
            outcome.result = CommandOutcome::Result::TimedOut;
            outcome.message = QStringLiteral("'%1' did not finish within %2 ms and was killed").arg(shown).arg(timeoutMs);
        } else {
            continue;
        }
        appendToLog(logPath, outcome.message + QLatin1Char('\n'));
        return outcome;
    }
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    appendToLog(logPath, QStringLiteral("exit code %1\n").arg(outcome.exitCode));
    if (outcome.exitCode == 0) {
        outcome.result = CommandOutcome::Result::Succeeded;
        outcome.message = QStringLiteral("'%1' succeeded").arg(shown);
    } else {
        outcome.result = CommandOutcome::Result::Failed;
        outcome.message = QStringLiteral("'%1' failed with exit code %2: %3").arg(shown).arg(outcome.exitCode).arg(logTail(logPath));
    }
    return outcome;
}

} // namespace e2i
