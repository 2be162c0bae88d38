#pragma once
// Runs the alert rules against the live samples, on a thread of its own, in
// the recorder (`e2ictl record`) and in the console alike (HistorySession
// starts it, writer or follower). Besides each sample it reads, off the GUI
// thread: the backup catalog once a minute (backup_age) and the silences in
// the history file every 10 s (alert_silenced events, also from other
// processes). Queue waits come from the task flow (flowAvailable). At the first
// read it takes over the alerts a running recorder has firing (a console that
// follows the recorder shows them from its start).
//
// For the Alerts panel (connect with a context object; queued across threads):
//   alertsChanged(const QList<e2i::AlertState> &alerts)
//     every alert the evaluator holds, firing first, then pending, then
//     resolved within the last hour; emitted when any of them changed.
//   transitionsAvailable(const QList<e2i::AlertTransition> &transitions)
//     phase changes of one evaluation (HistorySession writes firing and
//     resolved ones as events when this process is the writer).
//   backupAgesRead(const QList<e2i::BackupAge> &ages)
//     each target's newest verified backup, after every catalog read (the
//     recorder exports them as metrics, BackupMetrics).
#include "AlertEvaluator.h"
#include "AlertHistory.h"
#include "AlertSetup.h"
#include "cost/LiveCostRate.h"
#include "flow/TaskFlowSnapshot.h"
#include "history/HistoryStore.h"

#include <QObject>

#include <memory>

namespace e2i {

class AlertMonitor : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kBackupCheckMs = 60 * 1000;
    static constexpr qint64 kSilenceCheckMs = 10 * 1000;

    AlertMonitor(AlertSetup setup, QString historyFile, QObject *parent = nullptr);
    ~AlertMonitor() override;

    // Queue -> the worst wait p95 over 5 min of its task names (seconds).
    static QHash<QString, double> queueWaits(const TaskFlowSnapshot &flow);
    // Each target's newest verified backup, from the catalog in settings.directory.
    static QList<BackupAge> backupAges(const BackupSettings &settings, QString *error);
    static QList<AlertState> recordedFiring(const AlertHistory &history);

public Q_SLOTS:
    void evaluate(const e2i::PlatformSample &sample);
    void setFlow(const e2i::TaskFlowSnapshot &flow);

Q_SIGNALS:
    void transitionsAvailable(const QList<e2i::AlertTransition> &transitions);
    void alertsChanged(const QList<e2i::AlertState> &alerts);
    void backupAgesRead(const QList<e2i::BackupAge> &ages);

private:
    std::optional<QList<BackupAge>> backupsIfDue(qint64 nowMs);
    void readSilencesIfDue(qint64 nowMs);

    AlertSetup m_setup;
    QString m_historyFile;
    AlertEvaluator m_evaluator;
    std::unique_ptr<LiveCostRate> m_cost; // made on first use, on this thread
    std::optional<QHash<QString, double>> m_waits;
    HistoryStore m_store; // read-only, for the silences
    bool m_storeOpen = false;
    qint64 m_lastBackupCheckMs = 0;
    qint64 m_lastSilenceCheckMs = 0;
    QList<AlertState> m_lastEmitted;
};

} // namespace e2i
