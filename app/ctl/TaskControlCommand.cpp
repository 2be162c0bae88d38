#include "TaskControlCommand.h"

#include "ControlConfirmation.h"
#include "ControlReport.h"
#include "ControlSetup.h"
#include "CtlOutput.h"
#include "control/ControlClient.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace e2i {
namespace {

const QString kCommand = QStringLiteral("tasks");
const QString kRevoke = QStringLiteral("revoke");
const QString kRateLimit = QStringLiteral("rate-limit");

struct TaskAction {
    QString method;
    QJsonObject arguments;
    QString description;
};

int usage()
{
    return ctl::fail(kCommand, QStringLiteral("usage: e2ictl tasks revoke ID [--terminate [--signal SIGTERM]] | "
                                              "tasks rate-limit NAME RATE (e.g. 10/m, 5/s, 0 = none)  [--yes] [--confirm-env NAME]"),
                     2);
}

std::optional<TaskAction> revokeAction(const QCommandLineParser &parser, const QStringList &words)
{
    if (words.size() != 2 || words.at(1).isEmpty())
        return std::nullopt;
    const bool terminate = parser.isSet(QStringLiteral("terminate"));
    const QString signal = parser.isSet(QStringLiteral("signal")) ? parser.value(QStringLiteral("signal")) : QStringLiteral("SIGTERM");
    if (!QRegularExpression(QStringLiteral("^SIG[A-Z0-9]+$")).match(signal).hasMatch())
        return std::nullopt;
    QJsonObject arguments{{QStringLiteral("task_id"), words.at(1)}, {QStringLiteral("terminate"), terminate}};
    if (terminate)
        arguments.insert(QStringLiteral("signal"), signal);
    return TaskAction{QStringLiteral("revoke"), arguments,
                      QStringLiteral("revoke task %1%2").arg(words.at(1), terminate ? QStringLiteral(" and stop it with ") + signal : QString())};
}

// Celery's rate: a number, optionally /s, /m or /h; 0 removes the limit.
std::optional<TaskAction> rateLimitAction(const QStringList &words)
{
    static const QRegularExpression rate(QStringLiteral("^[0-9]+(\\.[0-9]+)?(/[smh])?$"));
    if (words.size() != 3 || words.at(1).isEmpty() || !rate.match(words.at(2)).hasMatch())
        return std::nullopt;
    return TaskAction{QStringLiteral("rate_limit"),
                      {{QStringLiteral("task_name"), words.at(1)}, {QStringLiteral("rate_limit"), words.at(2)}},
                      QStringLiteral("set the rate limit of %1 to %2").arg(words.at(1), words.at(2))};
}

} // namespace

bool TaskControlCommand::handles(const QStringList &arguments)
{
    const QString first = arguments.value(1);
    return first == kRevoke || first == kRateLimit;
}

int TaskControlCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Revoke a task or set a task's rate limit on the workers."));
    parser.addHelpOption();
    ControlSetup::addOptions(parser);
    parser.addOptions({
        {QStringLiteral("terminate"), QStringLiteral("revoke: also stop the task where it runs (prefork workers).")},
        {QStringLiteral("signal"), QStringLiteral("revoke --terminate: the signal (default SIGTERM)."), QStringLiteral("SIG")},
    });
    parser.addPositionalArgument(QStringLiteral("ACTION"), QStringLiteral("revoke ID | rate-limit NAME RATE"));
    parser.process(arguments);
    const QStringList words = parser.positionalArguments();
    const auto action = words.value(0) == kRevoke ? revokeAction(parser, words) : rateLimitAction(words);
    if (!action)
        return usage();
    const auto target = ControlSetup::resolve(parser, kCommand);
    if (!target)
        return 2;
    if (!ControlConfirmation::confirmed(parser, *target, kCommand, action->description))
        return 2;
    ControlClient client(target->redis, target->keyspace.keyPrefix());
    client.setReplyTimeoutMs(target->replyTimeoutMs);
    return ControlReport::print(client.call(action->method, action->arguments, target->workers), *target, kCommand);
}

} // namespace e2i
