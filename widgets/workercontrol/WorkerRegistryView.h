#pragma once
// The live workers a control action can be addressed to, as the last sample
// saw them (heartbeating workers by tier, and the queues the platform has):
// destinations always come from here, never typed or guessed.
#include "monitor/PlatformSample.h"

#include <QStringList>

namespace e2i {

class WorkerRegistryView
{
public:
    void setSample(const PlatformSample &sample);

    QStringList tiers() const;
    QStringList allWorkers() const;                   // sorted
    QStringList workersOf(const QString &tier) const; // sorted; empty for an unknown tier
    QStringList queuesOf(const QString &tier) const;
    QStringList allQueues() const; // sorted, every queue sampled or named by a tier
    QString tierOf(const QString &worker) const;

private:
    QList<TierState> m_tiers;
    QStringList m_queues;
};

} // namespace e2i
