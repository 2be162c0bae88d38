#include "WorkersCommand.h"

#include "ControlConfirmation.h"
#include "ControlReport.h"
#include "ControlSetup.h"
#include "CtlOutput.h"
#include "control/ControlAction.h"
#include "control/ControlClient.h"

#include <QTextStream>

namespace e2i {
namespace {

const QString kCommand = QStringLiteral("workers");

int usage()
{
    return ctl::fail(kCommand, QStringLiteral("usage: e2ictl workers ping | inspect active|reserved|stats|registered|active_queues"
                                              " | pool-grow [N] | pool-shrink [N] | add-consumer QUEUE | cancel-consumer QUEUE"
                                              " | shutdown  [--worker HOST]... [--json] [--yes] [--confirm-env NAME]"),
                     2);
}

std::optional<ControlAction> poolAction(const QString &verb, const QStringList &words, const QStringList &workers)
{
    bool ok = true;
    const int n = words.size() > 1 ? words.at(1).toInt(&ok) : 1;
    if (!ok || n < 1 || words.size() > 2)
        return std::nullopt;
    return verb == QLatin1String("pool-grow") ? ControlAction::poolGrow(workers, n) : ControlAction::poolShrink(workers, n);
}

std::optional<ControlAction> consumerAction(const QString &verb, const QStringList &words, const QStringList &workers)
{
    if (words.size() != 2 || words.at(1).isEmpty())
        return std::nullopt;
    return verb == QLatin1String("add-consumer") ? ControlAction::addConsumer(workers, words.at(1))
                                                 : ControlAction::cancelConsumer(workers, words.at(1));
}

// The action the command line asks for, addressed to `workers` (none: every worker).
std::optional<ControlAction> actionFor(const QStringList &words, const QStringList &workers)
{
    const QString verb = words.value(0);
    if (verb == QLatin1String("ping") && words.size() == 1)
        return ControlAction::ping(workers);
    if (verb == QLatin1String("inspect") && words.size() == 2 && ControlAction::inspections().contains(words.at(1)))
        return ControlAction::inspect(workers, words.at(1));
    if (verb == QLatin1String("pool-grow") || verb == QLatin1String("pool-shrink"))
        return poolAction(verb, words, workers);
    if (verb == QLatin1String("add-consumer") || verb == QLatin1String("cancel-consumer"))
        return consumerAction(verb, words, workers);
    if (verb == QLatin1String("shutdown") && words.size() == 1)
        return ControlAction::shutdown(workers);
    return std::nullopt;
}

QString addressed(const ControlTarget &target)
{
    return target.workers.isEmpty() ? QStringLiteral("every worker") : target.workers.join(QStringLiteral(", "));
}

// Celery's workers never answer `shutdown`: it is sent, and the worker-offline
// events (the console's worker list) show it done.
int sendShutdown(const ControlTarget &target)
{
    ControlClient client(target.redis, target.keyspace.keyPrefix());
    QString error;
    if (!client.send(QStringLiteral("shutdown"), {}, target.workers, &error))
        return ctl::fail(kCommand, QStringLiteral("redis at %1: %2").arg(target.redis.url.redacted(), error), 1);
    QTextStream(stdout) << "shutdown sent to " << addressed(target) << " in environment '" << target.environment << "'\n";
    return 0;
}

} // namespace

int WorkersCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Ping, inspect and control Celery workers (Celery's remote control)."));
    parser.addHelpOption();
    ControlSetup::addOptions(parser);
    parser.addPositionalArgument(QStringLiteral("ACTION"), QStringLiteral("ping, inspect WHAT, pool-grow [N], pool-shrink [N], "
                                                                           "add-consumer QUEUE, cancel-consumer QUEUE, shutdown"));
    parser.process(arguments);
    const auto action = actionFor(parser.positionalArguments(), parser.values(QStringLiteral("worker")));
    if (!action)
        return usage();
    const auto target = ControlSetup::resolve(parser, kCommand);
    if (!target)
        return 2;
    if (action->changesSomething() && !ControlConfirmation::confirmed(parser, *target, kCommand, action->description()))
        return 2;
    if (action->kind() == ControlAction::Kind::Send)
        return sendShutdown(*target);
    ControlClient client(target->redis, target->keyspace.keyPrefix());
    client.setReplyTimeoutMs(target->replyTimeoutMs);
    return ControlReport::print(client.call(action->method(), action->arguments(), action->workers()), *target, kCommand);
}

} // namespace e2i
