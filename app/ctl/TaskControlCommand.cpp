#include "TaskControlCommand.h"

#include "ControlConfirmation.h"
#include "ControlReport.h"
#include "ControlSetup.h"
#include "CtlOutput.h"
#include "control/ControlAction.h"
#include "control/ControlClient.h"

#include <QRegularExpression>

namespace e2i {
namespace {

const QString kCommand = QStringLiteral("tasks");
const QString kRevoke = QStringLiteral("revoke");
const QString kRateLimit = QStringLiteral("rate-limit");

int usage()
{
    return ctl::fail(kCommand, QStringLiteral("usage: e2ictl tasks revoke ID [--terminate [--signal SIGTERM]] | "
                                              "tasks rate-limit NAME RATE (e.g. 10/m, 5/s, 0 = none)  [--yes] [--confirm-env NAME]"),
                     2);
}

std::optional<ControlAction> revokeAction(const QCommandLineParser &parser, const QStringList &words)
{
    if (words.size() != 2 || words.at(1).isEmpty())
        return std::nullopt;
    const QString signal = parser.isSet(QStringLiteral("signal")) ? parser.value(QStringLiteral("signal")) : QStringLiteral("SIGTERM");
    if (!QRegularExpression(QStringLiteral("^SIG[A-Z0-9]+$")).match(signal).hasMatch())
        return std::nullopt;
    return ControlAction::revoke(parser.values(QStringLiteral("worker")), words.at(1), parser.isSet(QStringLiteral("terminate")), signal);
}

std::optional<ControlAction> rateLimitAction(const QCommandLineParser &parser, const QStringList &words)
{
    if (words.size() != 3 || words.at(1).isEmpty() || !ControlAction::isValidRate(words.at(2)))
        return std::nullopt;
    return ControlAction::rateLimit(parser.values(QStringLiteral("worker")), words.at(1), words.at(2));
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
    const auto action = words.value(0) == kRevoke ? revokeAction(parser, words) : rateLimitAction(parser, words);
    if (!action)
        return usage();
    const auto target = ControlSetup::resolve(parser, kCommand);
    if (!target)
        return 2;
    if (!ControlConfirmation::confirmed(parser, *target, kCommand, action->description()))
        return 2;
    ControlClient client(target->redis, target->keyspace.keyPrefix());
    client.setReplyTimeoutMs(target->replyTimeoutMs);
    return ControlReport::print(client.call(action->method(), action->arguments(), action->workers()), *target, kCommand);
}

} // namespace e2i
