#include "WorkerRegistry.h"

#include <algorithm>

namespace e2i {

void WorkerRegistry::ingest(const CeleryEvent &event, const QDateTime &receivedAt)
{
    if (!event.isWorkerEvent() || event.hostname.isEmpty())
        return;
    m_lost.remove(event.hostname); // back, or said goodbye after all
    if (event.type == QLatin1String("worker-offline")) {
        m_workers.remove(event.hostname);
        return;
    }
    WorkerInfo &w = m_workers[event.hostname];
    w.hostname = event.hostname;
    w.tier = tierOf(event.hostname);
    w.active = event.active;
    w.processed = event.processed;
    w.loadAverage = event.loadAverage;
    w.heartbeatFrequency = event.frequency > 0 ? event.frequency : 2.0;
    w.lastHeartbeat = receivedAt;
}

void WorkerRegistry::expire(const QDateTime &now)
{
    for (auto it = m_workers.begin(); it != m_workers.end();) {
        // In double, as Celery computes it: a huge announced period does not fit qint64.
        const double expiresAtMs = double(it->lastHeartbeat.toMSecsSinceEpoch()) + 2000.0 * it->heartbeatFrequency;
        if (double(now.toMSecsSinceEpoch()) >= expiresAtMs) {
            if (m_lost.size() < kMaxLost)
                m_lost.insert(it.key(), it.value());
            it = m_workers.erase(it);
        } else {
            ++it;
        }
    }
    for (auto it = m_lost.begin(); it != m_lost.end();)
        it = it->lastHeartbeat.secsTo(now) >= m_lostForgetSeconds ? m_lost.erase(it) : std::next(it);
}

QList<WorkerInfo> WorkerRegistry::lostWorkers() const
{
    QList<WorkerInfo> list = m_lost.values();
    std::sort(list.begin(), list.end(), [](const WorkerInfo &a, const WorkerInfo &b) { return a.hostname < b.hostname; });
    return list;
}

QList<WorkerInfo> WorkerRegistry::workers() const
{
    QList<WorkerInfo> list = m_workers.values();
    std::sort(list.begin(), list.end(), [](const WorkerInfo &a, const WorkerInfo &b) { return a.hostname < b.hostname; });
    return list;
}

QString WorkerRegistry::tierOf(const QString &hostname) const
{
    return m_prefixToTier.value(hostname.section(u'@', 0, 0));
}

} // namespace e2i
