#pragma once
// Runs BackupRunner on its own named thread for the backups panel. start()
// is a queued invocation, so the GUI thread never waits; the runner's results
// come back as queued signals. Progress reports (one per received chunk, many
// thousands for a large dump) are coalesced: the worker overwrites the latest
// figure and the GUI picks it up on a short timer, so a fast transfer cannot
// flood the event queue.
#include "backup/BackupEntry.h"
#include "backup/BackupSettings.h"

#include <QObject>
#include <QTimer>

#include <memory>

class QThread;

namespace e2i {

class BackupRunner;

class BackupRunController : public QObject
{
    Q_OBJECT
public:
    explicit BackupRunController(const BackupSettings &settings, QObject *parent = nullptr);
    ~BackupRunController() override;

    // Backs up `targets` in order (all configured ones when empty); ignored while a run is going.
    void start(const QStringList &targets);
    void cancel();
    bool isRunning() const { return m_running; }
    bool isCancelling() const { return m_cancelling; }

signals:
    void progress(const QString &target, qint64 bytes, qint64 total);
    void backupFinished(const e2i::BackupEntry &entry);
    void backupFailed(const QString &target, const QString &message);
    void runFinished();

private:
    struct Mailbox; // shared with the worker thread, which may outlive this object

    void publishProgress();
    void endRun();

    std::shared_ptr<Mailbox> m_mailbox;
    QThread *m_thread;
    BackupRunner *m_runner;
    QTimer m_progressTimer;
    bool m_running = false;
    bool m_cancelling = false;
};

} // namespace e2i
