#pragma once
// The event kinds the console writes into the timeline. Stable strings: they
// are in the database, the JSON output and users' scripts.
#include <QString>
#include <QStringList>

namespace e2i::EventKinds {

inline const QString ServiceStatus = QStringLiteral("service_status");
inline const QString RedisDisconnected = QStringLiteral("redis_disconnected");
inline const QString RedisReconnected = QStringLiteral("redis_reconnected");
inline const QString WorkerJoined = QStringLiteral("worker_joined");
inline const QString WorkerLeft = QStringLiteral("worker_left");   // worker-offline: a clean shutdown
inline const QString WorkerLost = QStringLiteral("worker_lost");   // heartbeats stopped
inline const QString TierBelowMin = QStringLiteral("tier_below_min");
inline const QString TierRestored = QStringLiteral("tier_restored");
inline const QString PossibleTaskLoss = QStringLiteral("possible_task_loss");
inline const QString PolicyApplied = QStringLiteral("policy_applied");
// A remote-control action from the console (who, what, to whom, who answered).
inline const QString WorkerControl = QStringLiteral("worker_control");
inline const QString Backup = QStringLiteral("backup");
inline const QString Restore = QStringLiteral("restore");
inline const QString Note = QStringLiteral("note");
inline const QString RecorderStarted = QStringLiteral("recorder_started");
inline const QString RecorderStopped = QStringLiteral("recorder_stopped");
// A task that raised (TaskHistoryTable has the layout and the extra fields).
inline const QString TaskFailed = QStringLiteral("task_failed");
// Alerts (backend/alerts, AlertEventCodec has the layout of their fields).
inline const QString AlertFiring = QStringLiteral("alert_firing");
inline const QString AlertResolved = QStringLiteral("alert_resolved");
inline const QString AlertSilenced = QStringLiteral("alert_silenced");

// Every kind above, in this order (the Timeline tab's kind filter offers them).
inline const QStringList &all()
{
    static const QStringList kinds{ServiceStatus, RedisDisconnected, RedisReconnected, WorkerJoined, WorkerLeft,
                                   WorkerLost, TierBelowMin, TierRestored, PossibleTaskLoss, PolicyApplied,
                                   WorkerControl, Backup, Restore, Note, RecorderStarted, RecorderStopped,
                                   TaskFailed, AlertFiring, AlertResolved, AlertSilenced};
    return kinds;
}

} // namespace e2i::EventKinds
