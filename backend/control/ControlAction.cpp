#include "ControlAction.h"

#include <QRegularExpression>

namespace e2i {

ControlAction::ControlAction(Kind kind, QString method, QJsonObject arguments, QStringList workers, QString what)
    : m_kind(kind)
    , m_method(std::move(method))
    , m_arguments(std::move(arguments))
    , m_workers(std::move(workers))
    , m_what(std::move(what))
{
    m_subject = m_workers.join(QStringLiteral(", "));
}

ControlAction ControlAction::ping(const QStringList &workers)
{
    return ControlAction(Kind::Call, QStringLiteral("ping"), {}, workers, QStringLiteral("ping"));
}

const QStringList &ControlAction::inspections()
{
    static const QStringList names{QStringLiteral("active"), QStringLiteral("reserved"), QStringLiteral("stats"),
                                   QStringLiteral("registered"), QStringLiteral("active_queues")};
    return names;
}

ControlAction ControlAction::inspect(const QStringList &workers, const QString &what)
{
    return ControlAction(Kind::Call, what, {}, workers, QStringLiteral("inspect %1").arg(what));
}

ControlAction ControlAction::poolGrow(const QStringList &workers, int n)
{
    return ControlAction(Kind::Call, QStringLiteral("pool_grow"), {{QStringLiteral("n"), n}}, workers,
                         QStringLiteral("grow the pool by %1").arg(n));
}

ControlAction ControlAction::poolShrink(const QStringList &workers, int n)
{
    return ControlAction(Kind::Call, QStringLiteral("pool_shrink"), {{QStringLiteral("n"), n}}, workers,
                         QStringLiteral("shrink the pool by %1").arg(n));
}

ControlAction ControlAction::addConsumer(const QStringList &workers, const QString &queue)
{
    return ControlAction(Kind::Call, QStringLiteral("add_consumer"), {{QStringLiteral("queue"), queue}}, workers,
                         QStringLiteral("start consuming queue '%1'").arg(queue));
}

ControlAction ControlAction::cancelConsumer(const QStringList &workers, const QString &queue)
{
    return ControlAction(Kind::Call, QStringLiteral("cancel_consumer"), {{QStringLiteral("queue"), queue}}, workers,
                         QStringLiteral("stop consuming queue '%1'").arg(queue));
}

ControlAction ControlAction::shutdown(const QStringList &workers)
{
    return ControlAction(Kind::Send, QStringLiteral("shutdown"), {}, workers, QStringLiteral("shut down"));
}

ControlAction ControlAction::revoke(const QStringList &workers, const QString &taskId, bool terminate, const QString &signal)
{
    QJsonObject arguments{{QStringLiteral("task_id"), taskId}, {QStringLiteral("terminate"), terminate}};
    if (terminate)
        arguments.insert(QStringLiteral("signal"), signal);
    ControlAction action(Kind::Call, QStringLiteral("revoke"), arguments, workers,
                         QStringLiteral("revoke task %1%2").arg(taskId, terminate ? QStringLiteral(" and stop it with ") + signal : QString()));
    action.m_subject = taskId;
    return action;
}

ControlAction ControlAction::rateLimit(const QStringList &workers, const QString &taskName, const QString &rate)
{
    ControlAction action(Kind::Call, QStringLiteral("rate_limit"),
                         {{QStringLiteral("task_name"), taskName}, {QStringLiteral("rate_limit"), rate}}, workers,
                         QStringLiteral("set the rate limit of %1 to %2").arg(taskName, rate));
    action.m_subject = taskName;
    return action;
}

ControlAction ControlAction::purge(const QString &queue)
{
    ControlAction action(Kind::Purge, QStringLiteral("purge"), {}, {},
                         QStringLiteral("delete every message waiting in queue '%1' (all its priority sub-queues)").arg(queue));
    action.m_queue = queue;
    action.m_subject = queue;
    return action;
}

bool ControlAction::isValidRate(const QString &rate)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9]+(\\.[0-9]+)?(/[smh])?$"));
    return pattern.match(rate).hasMatch();
}

QString ControlAction::description() const
{
    if (m_kind == Kind::Purge)
        return m_what;
    return m_what + QStringLiteral(" on ") + (m_workers.isEmpty() ? QStringLiteral("every worker") : m_workers.join(QStringLiteral(", ")));
}

QString ControlAction::subject() const
{
    return m_subject;
}

} // namespace e2i
