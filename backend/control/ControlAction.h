#pragma once
// One remote-control action as an operator asks for it in the console (the
// same ones e2ictl offers): what is sent, to whom, and the words that say so
// in the confirmation and the timeline. The console's destinations are hostnames
// taken from the live worker registry; e2ictl's are its --worker names, none
// meaning every worker (said so in the description).
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace e2i {

class ControlAction
{
public:
    enum class Kind {
        Call,  // remote control with answers collected (ping, pool, consumers, revoke, rate limit)
        Send,  // published only: Celery's workers never answer shutdown
        Purge, // the queue's lists deleted in Redis; no worker involved
    };

    static ControlAction ping(const QStringList &workers);
    // Celery's inspections: active, reserved, stats, registered, active_queues.
    static const QStringList &inspections();
    static ControlAction inspect(const QStringList &workers, const QString &what);
    static ControlAction poolGrow(const QStringList &workers, int n);
    static ControlAction poolShrink(const QStringList &workers, int n);
    static ControlAction addConsumer(const QStringList &workers, const QString &queue);
    static ControlAction cancelConsumer(const QStringList &workers, const QString &queue);
    static ControlAction shutdown(const QStringList &workers);
    // `signal` (SIGTERM, SIGKILL...) stops the task where it runs when `terminate` is set.
    static ControlAction revoke(const QStringList &workers, const QString &taskId, bool terminate,
                                const QString &signal = QStringLiteral("SIGTERM"));
    static ControlAction rateLimit(const QStringList &workers, const QString &taskName, const QString &rate);
    static ControlAction purge(const QString &queue);
    // Celery's rate: a number, optionally /s, /m or /h; 0 removes the limit.
    static bool isValidRate(const QString &rate);

    Kind kind() const { return m_kind; }
    const QString &method() const { return m_method; }
    const QJsonObject &arguments() const { return m_arguments; }
    const QStringList &workers() const { return m_workers; }
    const QString &queue() const { return m_queue; }
    // Reading (ping, an inspection) needs no confirmation; everything else changes the platform.
    bool changesSomething() const { return m_method != QLatin1String("ping") && !isInspection(); }
    bool isInspection() const { return inspections().contains(m_method); }
    // "grow the pool by 2 on light@a, light@b" ("... on every worker" when none is named):
    // exactly what will happen and to whom.
    QString description() const;
    // The timeline's subject: the queue, the task, or the workers.
    QString subject() const;

private:
    ControlAction(Kind kind, QString method, QJsonObject arguments, QStringList workers, QString what);

    Kind m_kind;
    QString m_method;
    QJsonObject m_arguments;
    QStringList m_workers;
    QString m_what;
    QString m_queue;
    QString m_subject;
};

} // namespace e2i
