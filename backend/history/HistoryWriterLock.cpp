#include "HistoryWriterLock.h"

#include "HistoryPaths.h"

#include <QDir>
#include <QFileInfo>

namespace e2i {

HistoryWriterLock::HistoryWriterLock(const QString &historyFile)
{
    QDir().mkpath(QFileInfo(historyFile).absolutePath());
    m_lock = std::make_unique<QLockFile>(HistoryPaths::lockFile(historyFile));
    // A live holder keeps its lock however long it runs: only a dead one's is stale.
    m_lock->setStaleLockTime(0);
}

HistoryWriterLock::~HistoryWriterLock()
{
    if (m_held)
        m_lock->unlock();
}

bool HistoryWriterLock::tryAcquire()
{
    if (m_held)
        return true;
    m_held = m_lock->tryLock(0);
    if (m_held)
        return true;
    QString host;
    QString application;
    if (m_lock->getLockInfo(&m_holderPid, &host, &application))
        m_holder = QStringLiteral("%1 (pid %2 on %3)").arg(application).arg(m_holderPid).arg(host);
    else
        m_holder = QStringLiteral("another process (%1)").arg(m_lock->error() == QLockFile::PermissionError
                                                                   ? QStringLiteral("no permission to the lock")
                                                                   : QStringLiteral("lock unreadable"));
    return false;
}

} // namespace e2i
