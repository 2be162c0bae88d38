#include "WorkersCommand.h"

#include "ControlConfirmation.h"
#include "ControlReport.h"
#include "ControlSetup.h"
#include "CtlOutput.h"
#include "control/ControlAction.h"
#include "control/ControlClient.h"

#include <QJsonObject>
#include <QTextStream>

namespace e2i {
namespace {

const QString kCommand = QStringLiteral("workers");

// One remote-control call as the command line asked for it.
struct WorkerAction {
    QString method;
    QJsonObject arguments;
    QString description; // for the confirmation; empty = changes nothing
};

int usage()
{
    return ctl::fail(kCommand, QStringLiteral("usage: e2ictl workers ping | inspect active|reserved|stats|registered|active_queues"
                                              " | pool-grow [N] | pool-shrink [N] | add-consumer QUEUE | cancel-consumer QUEUE"
                                              " | shutdown  [--worker HOST]... [--json] [--yes] [--confirm-env NAME]"),
                     2);
}

std::optional<WorkerAction> poolAction(const QString &method, const QStringList &words)
{
    bool ok = true;
    const int n = words.size() > 1 ? words.at(1).toInt(&ok) : 1;
    if (!ok || n < 1 || words.size() > 2)
        return std::nullopt;
    const QString verb = method == QLatin1String("pool_grow") ? QStringLiteral("grow") : QStringLiteral("shrink");
    return WorkerAction{method, {{QStringLiteral("n"), n}}, QStringLiteral("%1 the pool by %2").arg(verb).arg(n)};
}

std::optional<WorkerAction> consumerAction(const QString &method, const QStringList &words)
{
    if (words.size() != 2 || words.at(1).isEmpty())
        return std::nullopt;
    const QString verb = method == QLatin1String("add_consumer") ? QStringLiteral("start") : QStringLiteral("stop");
    return WorkerAction{method, {{QStringLiteral("queue"), words.at(1)}},
                        QStringLiteral("%1 consuming queue '%2'").arg(verb, words.at(1))};
}

std::optional<WorkerAction> actionFor(const QStringList &words)
{
    const QString verb = words.value(0);
    if (verb == QLatin1String("ping") && words.size() == 1)
        return WorkerAction{QStringLiteral("ping"), {}, {}};
    if (verb == QLatin1String("inspect") && words.size() == 2 && ControlAction::inspections().contains(words.at(1)))
        return WorkerAction{words.at(1), {}, {}};
    if (verb == QLatin1String("pool-grow") || verb == QLatin1String("pool-shrink"))
        return poolAction(verb == QLatin1String("pool-grow") ? QStringLiteral("pool_grow") : QStringLiteral("pool_shrink"), words);
    if (verb == QLatin1String("add-consumer") || verb == QLatin1String("cancel-consumer"))
        return consumerAction(verb == QLatin1String("add-consumer") ? QStringLiteral("add_consumer") : QStringLiteral("cancel_consumer"), words);
    if (verb == QLatin1String("shutdown") && words.size() == 1)
        return WorkerAction{QStringLiteral("shutdown"), {}, QStringLiteral("shut down")};
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
    const auto action = actionFor(parser.positionalArguments());
    if (!action)
        return usage();
    const auto target = ControlSetup::resolve(parser, kCommand);
    if (!target)
        return 2;
    if (!action->description.isEmpty()
        && !ControlConfirmation::confirmed(parser, *target, kCommand, action->description + QStringLiteral(" on ") + addressed(*target)))
        return 2;
    if (action->method == QLatin1String("shutdown"))
        return sendShutdown(*target);
    ControlClient client(target->redis, target->keyspace.keyPrefix());
    client.setReplyTimeoutMs(target->replyTimeoutMs);
    return ControlReport::print(client.call(action->method, action->arguments, target->workers), *target, kCommand);
}

} // namespace e2i
