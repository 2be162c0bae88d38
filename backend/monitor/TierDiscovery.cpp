#include "TierDiscovery.h"

namespace e2i {
namespace {

TierPolicy *findTier(QList<TierPolicy> &tiers, const QString &name)
{
    for (auto &tier : tiers)
        if (tier.name == name)
            return &tier;
    return nullptr;
}

QString nodeName(const QString &hostname)
{
    return hostname.section(u'@', 0, 0);
}

QString hostPart(const QString &hostname)
{
    return hostname.contains(u'@') ? hostname.section(u'@', 1) : QString();
}

bool isNameSeparator(QChar c)
{
    return c == u'-' || c == u'_';
}

// Compose's container name for a replica of `service`: `[<project>-]<service>-<n>`
// (`_` before Compose v2). Plain string work: this runs per worker per service
// on every rediscovery.
bool isComposeContainerOf(QStringView host, QStringView service)
{
    qsizetype end = host.size();
    while (end > 0 && host[end - 1].isDigit())
        --end;
    if (end == host.size() || end < 1 || !isNameSeparator(host[end - 1]))
        return false;
    const QStringView stem = host.first(end - 1);
    if (!stem.endsWith(service))
        return false;
    const qsizetype before = stem.size() - service.size();
    return before == 0 || isNameSeparator(stem[before - 1]);
}

} // namespace

bool DiscoveredTopology::operator==(const DiscoveredTopology &other) const
{
    if (workerTiers != other.workerTiers || queues != other.queues || tiers.size() != other.tiers.size())
        return false;
    for (qsizetype i = 0; i < tiers.size(); ++i)
        if (tiers[i].name != other.tiers[i].name || tiers[i].queues != other.tiers[i].queues)
            return false;
    return true;
}

TierDiscovery::TierDiscovery(PlatformProfile profile)
    : m_profile(std::move(profile))
    , m_watched(m_profile.watchedTiers())
{
}

DiscoveredTopology TierDiscovery::fromFiles() const
{
    return discover({}, {}, {});
}

DiscoveredTopology TierDiscovery::discover(const QList<WorkerInfo> &workers, const QueueConsumers &consumers,
                                           const QStringList &declaredQueues) const
{
    DiscoveredTopology topology;
    topology.tiers = m_watched;
    for (const auto &tier : std::as_const(topology.tiers))
        for (const auto &queue : tier.queues)
            addQueue(topology, queue, tier.name);
    // Queues a compose worker consumes that its tier does not name are still watched.
    for (const auto &service : m_profile.services)
        for (const auto &queue : service.celeryQueues)
            addQueue(topology, queue, service.celeryHostnamePrefix);

    for (const auto &worker : workers) {
        const QStringList consumed = consumers.byWorker.value(worker.hostname);
        const QString tier = tierOf(worker, consumed, topology.tiers);
        topology.workerTiers.insert(worker.hostname, tier);
        TierPolicy *policy = findTier(topology.tiers, tier);
        if (!policy) {
            TierPolicy own;
            own.name = tier;
            own.discovered = true;
            topology.tiers.append(own);
            policy = &topology.tiers.last();
        }
        for (const auto &queue : consumed) {
            if (policy->discovered && !policy->queues.contains(queue))
                policy->queues.append(queue);
            addQueue(topology, queue, tier);
        }
    }
    for (const auto &queue : declaredQueues)
        addQueue(topology, queue, QString());
    return topology;
}

QString TierDiscovery::tierOf(const WorkerInfo &worker, const QStringList &consumed,
                              const QList<TierPolicy> &tiers) const
{
    if (!worker.tier.isEmpty())
        return worker.tier;
    if (const QString byName = tierByName(worker.hostname, tiers); !byName.isEmpty())
        return byName;
    if (const QString byQueues = tierByQueues(consumed, tiers); !byQueues.isEmpty())
        return byQueues;
    if (m_profile.discoveredTiers.size() == 1)
        return m_profile.discoveredTiers.first().name;
    return nodeName(worker.hostname);
}

QString TierDiscovery::tierByName(const QString &hostname, const QList<TierPolicy> &tiers) const
{
    const QString node = nodeName(hostname);
    for (const auto &tier : tiers)
        if (tier.name == node || (!tier.service.isEmpty() && tier.service == node))
            return tier.name;
    const ServiceSpec *service = serviceOfHost(hostPart(hostname));
    if (!service)
        return {};
    for (const auto &tier : tiers)
        if (tier.service == service->name)
            return tier.name;
    return {};
}

// The compose service whose containers have this hostname: `hostname:`,
// `container_name:`, or Compose's own container names `<project>-<service>-<n>`
// (`_` before Compose v2), which is what containers are called when the platform
// sets `hostname` from the container name.
const ServiceSpec *TierDiscovery::serviceOfHost(const QString &host) const
{
    if (host.isEmpty())
        return nullptr;
    for (const auto &service : m_profile.services) {
        if (!service.isCeleryWorker() && service.hostname.isEmpty() && service.containerName.isEmpty())
            continue;
        if (host == service.hostname || host == service.containerName)
            return &service;
        if (service.isCeleryWorker() && isComposeContainerOf(host, service.name))
            return &service;
    }
    return nullptr;
}

QString TierDiscovery::tierByQueues(const QStringList &consumed, const QList<TierPolicy> &tiers)
{
    for (const auto &tier : tiers)
        for (const auto &queue : consumed)
            if (tier.queues.contains(queue))
                return tier.name;
    return {};
}

// The first assignment of a queue wins: a policy tier's over a live one's, and
// either over "declared, nobody consumes it".
void TierDiscovery::addQueue(DiscoveredTopology &topology, const QString &queue, const QString &tier)
{
    for (const auto &assigned : std::as_const(topology.queues))
        if (assigned.queue == queue)
            return;
    topology.queues.append({queue, tier});
}

} // namespace e2i
