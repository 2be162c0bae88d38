#pragma once
// Who records an environment, and the thread that does it. The first process
// to take the history lock writes: it runs a HistoryRecorder on a thread named
// "e2i-history" and feeds it every complete sample of the monitor. Any other
// process follows: it reads the file but never writes samples.
//
// With setAlerts(), both roles also evaluate the alert rules on a thread named
// "e2i-alerts" (AlertMonitor) from the same complete samples; only the writer
// records firing and resolved alerts as events. The Alerts panel connects to
// alertsChanged(), which a follower emits too.
#include "HistoryRecorder.h"
#include "alerts/AlertSetup.h"
#include "alerts/AlertInputs.h"
#include "alerts/AlertState.h"
#include "HistoryWriterLock.h"

#include <QObject>

#include <memory>

class QThread;

namespace e2i {

class PlatformMonitor;

class HistorySession : public QObject
{
    Q_OBJECT
public:
    enum class Role { Writer, Follower };

    HistorySession(QString file, HistoryRetention retention, HistoryRecorder::CostFunction cost,
                   QObject *parent = nullptr);
    ~HistorySession() override;

    // Before start(): evaluate these alert rules (writer and follower alike).
    void setAlerts(AlertSetup setup) { m_alertSetup = std::move(setup); }
    // Takes the lock if it can and starts recording samples of `monitor`.
    Role start(PlatformMonitor *monitor);
    Role role() const { return m_role; }
    QString holder() const { return m_lock.holder(); }
    QString file() const { return m_file; }
    const RecorderStatus &status() const { return m_status; }

    // Adds an event (a note, an apply, a backup): through the recorder when this
    // process writes, else straight into the file (SQLite serialises writers).
    void addEvent(const HistoryEvent &event);
    // Stops the recorder thread after it has written its last event.
    void stop();

Q_SIGNALS:
    void statusChanged(const e2i::RecorderStatus &status);
    void sampleHandled(const e2i::RecorderStatus &status); // HistoryRecorder::sampleHandled
    void eventsRecorded(const QList<e2i::HistoryEvent> &events);
    // Every alert held now: firing, then pending, then recently resolved (AlertMonitor).
    void alertsChanged(const QList<e2i::AlertState> &alerts);
    // The phase changes of each evaluation (AlertMonitor), for desktop notifications.
    void alertTransitions(const QList<e2i::AlertTransition> &transitions);
    // Each backup target's newest verified backup, once a minute (AlertMonitor).
    void backupAgesRead(const QList<e2i::BackupAge> &ages);

private:
    void startRecorder(PlatformMonitor *monitor);
    void startAlerts(PlatformMonitor *monitor);
    void stopAlerts();

    QString m_file;
    HistoryRetention m_retention;
    HistoryRecorder::CostFunction m_cost;
    HistoryWriterLock m_lock;
    Role m_role = Role::Follower;
    QThread *m_thread = nullptr;
    HistoryRecorder *m_recorder = nullptr;
    RecorderStatus m_status;
    std::optional<AlertSetup> m_alertSetup;
    QThread *m_alertThread = nullptr;
};

} // namespace e2i
