#pragma once
// Decides who records an environment: the first to take `<history>.lock`.
// A second recorder refuses with the holder's pid and host; the console, when a
// recorder holds it, follows the file instead of writing. QLockFile removes a
// lock whose holder died (kill -9), so a crash never blocks the next recorder.
#include <QLockFile>
#include <QString>

#include <memory>

namespace e2i {

class HistoryWriterLock
{
public:
    explicit HistoryWriterLock(const QString &historyFile);
    ~HistoryWriterLock();

    bool tryAcquire();
    bool isHeld() const { return m_held; }
    // "pid 1234 on host" of the current holder, after a failed tryAcquire().
    QString holder() const { return m_holder; }
    qint64 holderPid() const { return m_holderPid; }

private:
    std::unique_ptr<QLockFile> m_lock;
    bool m_held = false;
    QString m_holder;
    qint64 m_holderPid = 0;
};

} // namespace e2i
