#pragma once
// The backup engine for the GUI: a QObject moved to a worker thread. The GUI
// calls run() through a queued invocation and listens to the signals; it never
// waits. cancel() is safe from any thread: the running backup stops at its
// next read or poll (within ~100 ms) and is recorded as cancelled, with no file;
// the targets after it are not started (each reported through failed()). A cancel() that arrives
// before run() starts is forgotten: run() begins with a clear flag.
#include "BackupEngine.h"

#include <QObject>
#include <QStringList>

#include <atomic>

namespace e2i {

class BackupRunner : public QObject
{
    Q_OBJECT
public:
    explicit BackupRunner(BackupSettings settings, QObject *parent = nullptr);

    void cancel() { m_cancel.store(true); }

public slots:
    // Backs up the named targets (all when empty), one after another; an unknown
    // name or a failing target is reported and the others still run.
    void run(const QStringList &targets);

signals:
    void progress(const QString &target, qint64 bytes, qint64 total);
    void finished(const e2i::BackupEntry &entry);
    void failed(const QString &target, const QString &message);
    void runFinished();

private:
    BackupEngine m_engine;
    std::atomic_bool m_cancel{false};
};

} // namespace e2i
