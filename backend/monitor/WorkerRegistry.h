#pragma once
// Live Celery workers, from their events. A worker is alive while
// now < last heartbeat + 2 x its heartbeat frequency (Celery's own rule);
// worker-offline removes it at once. Times are local receipt times, so a
// worker with a skewed clock is still judged correctly.
#include "CeleryEvent.h"
#include "PlatformSample.h"

#include <QDateTime>
#include <QHash>

namespace e2i {

class WorkerRegistry
{
public:
    // Hostname prefix ("light" of light@host) -> tier name.
    void setTierPrefixes(QHash<QString, QString> prefixToTier) { m_prefixToTier = std::move(prefixToTier); }

    // How long a worker that stopped heartbeating without worker-offline is
    // still reported as lost (unless it comes back or says offline first).
    void setLostForgetSeconds(int seconds) { m_lostForgetSeconds = seconds; }

    void ingest(const CeleryEvent &event, const QDateTime &receivedAt);
    void expire(const QDateTime &now);

    QList<WorkerInfo> workers() const; // sorted by hostname
    QList<WorkerInfo> lostWorkers() const; // expired without worker-offline, sorted by hostname
    QString tierOf(const QString &hostname) const;

private:
    static constexpr int kMaxLost = 256; // bounded whatever happens to the fleet

    QHash<QString, QString> m_prefixToTier;
    QHash<QString, WorkerInfo> m_workers;
    QHash<QString, WorkerInfo> m_lost;
    int m_lostForgetSeconds = 600;
};

} // namespace e2i
