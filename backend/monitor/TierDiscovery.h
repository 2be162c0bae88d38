#pragma once
// Which tier each live worker belongs to and which queues each tier consumes,
// from what the live platform says rather than what the files name. Real
// platforms start workers as a plain `celery -A app worker` (hostname
// celery@<container>, default queues), from scripts, or with no autoscale.yml.
//
// A worker's tier, first rule that applies:
//  1. its hostname prefix names a tier (`-n heavy@%h`, WorkerRegistry did that);
//  2. its node name is a watched tier's or service's name (`worker_light@host`), or its
//     host is a worker service's `hostname:` / `container_name:` or a Compose container
//     name `<project>-<service>-<n>`;
//  3. the queues it consumes (remote control `active_queues`) overlap a tier's queues;
//  4. it is the only discovered (compose worker, no autoscale tier) service;
//  5. else a tier of its own, named after its node name ("celery"), with no service.
// A discovered tier consumes what its workers answer; a queue no tier consumes
// (declared in Redis, or consumed by a worker) is still sampled, counted to the
// tier of the worker consuming it, else to none.
#include "QueueAssignment.h"
#include "PlatformSample.h"
#include "flow/QueueConsumers.h"
#include "platform/PlatformProfile.h"

#include <QHash>

namespace e2i {

struct DiscoveredTopology {
    QHash<QString, QString> workerTiers; // hostname -> tier, every live worker
    QList<TierPolicy> tiers;             // watched tiers (policy queues widened) + live-only tiers
    QList<QueueAssignment> queues;       // every queue to sample

    bool operator==(const DiscoveredTopology &other) const;
};

class TierDiscovery
{
public:
    explicit TierDiscovery(PlatformProfile profile);

    // The topology from the files alone, before anything is seen live.
    DiscoveredTopology fromFiles() const;
    DiscoveredTopology discover(const QList<WorkerInfo> &workers, const QueueConsumers &consumers,
                                const QStringList &declaredQueues) const;

private:
    QString tierOf(const WorkerInfo &worker, const QStringList &consumed, const QList<TierPolicy> &tiers) const;
    QString tierByName(const QString &hostname, const QList<TierPolicy> &tiers) const;
    const ServiceSpec *serviceOfHost(const QString &host) const;
    static QString tierByQueues(const QStringList &consumed, const QList<TierPolicy> &tiers);
    static void addQueue(DiscoveredTopology &topology, const QString &queue, const QString &tier);

    PlatformProfile m_profile;
    QList<TierPolicy> m_watched;
};

} // namespace e2i
