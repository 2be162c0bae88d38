#include "WorkerRegistryView.h"

#include <QSet>

namespace e2i {

void WorkerRegistryView::setSample(const PlatformSample &sample)
{
    m_tiers = sample.tiers;
    QSet<QString> queues;
    for (const QueueDepth &queue : sample.queues)
        queues.insert(queue.name);
    for (const TierState &tier : sample.tiers)
        for (const QString &queue : tier.queues)
            queues.insert(queue);
    m_queues = QStringList(queues.begin(), queues.end());
    m_queues.sort();
}

QStringList WorkerRegistryView::tiers() const
{
    QStringList names;
    for (const TierState &tier : m_tiers)
        names << tier.name;
    return names;
}

QStringList WorkerRegistryView::allWorkers() const
{
    QStringList hosts;
    for (const TierState &tier : m_tiers)
        hosts << workersOf(tier.name);
    hosts.sort();
    return hosts;
}

QStringList WorkerRegistryView::workersOf(const QString &tier) const
{
    QStringList hosts;
    for (const TierState &state : m_tiers)
        if (state.name == tier)
            for (const WorkerInfo &worker : state.workers)
                hosts << worker.hostname;
    hosts.sort();
    return hosts;
}

QStringList WorkerRegistryView::queuesOf(const QString &tier) const
{
    for (const TierState &state : m_tiers)
        if (state.name == tier)
            return state.queues;
    return {};
}

QStringList WorkerRegistryView::allQueues() const
{
    return m_queues;
}

QString WorkerRegistryView::tierOf(const QString &worker) const
{
    for (const TierState &tier : m_tiers)
        for (const WorkerInfo &info : tier.workers)
            if (info.hostname == worker)
                return tier.name;
    return {};
}

} // namespace e2i
