#pragma once
// Runs a backup, verify or restore command built from a template, without a
// shell: the template is split like a command line, then {placeholders} are
// replaced inside each argument, so a value with spaces stays one argument.
// stdout and stderr go to the backup's log file; a command that outlives its
// timeout, or is cancelled, is killed.
#include <QHash>
#include <QString>
#include <QStringList>

#include <atomic>

namespace e2i {

struct CommandOutcome {
    enum class Result { Succeeded, Failed, TimedOut, Cancelled, NotStarted };
    Result result = Result::NotStarted;
    int exitCode = -1;
    QString message; // one line for the catalog: what ran and how it ended, with the log's last lines

    bool succeeded() const { return result == Result::Succeeded; }
};

class CommandRunner
{
public:
    static QStringList expand(const QString &commandTemplate, const QHash<QString, QString> &values);
    static CommandOutcome run(const QStringList &argv, int timeoutMs, const QString &logPath,
                              const std::atomic_bool &cancel);

private:
    static QString logTail(const QString &logPath);
};

} // namespace e2i
