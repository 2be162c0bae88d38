#include "PlatformMonitor.h"

#include "EventSubscriber.h"
#include "HealthProber.h"
#include "QueueMonitor.h"
#include "flow/ConsumerProbe.h"

#include <QThread>

namespace e2i {
namespace {

// Celery's default heartbeat period; a full period of listening is needed
// before "no workers" can be believed.
constexpr qint64 kHeartbeatWindowMs = 2500;

QHash<QString, QString> queueTiers(const DiscoveredTopology &topology)
{
    QHash<QString, QString> tiers;
    for (const auto &q : topology.queues)
        tiers.insert(q.queue, q.tier);
    return tiers;
}

// Per-worker concurrency of each tier, from its compose command (0 = not given).
QHash<QString, int> tierConcurrency(const PlatformProfile &profile)
{
    QHash<QString, int> concurrency;
    for (const auto &tier : profile.watchedTiers())
        if (const ServiceSpec *service = profile.service(tier.service))
            concurrency.insert(tier.name, service->celeryConcurrency);
    return concurrency;
}

QHash<QString, QString> tierPrefixes(const PlatformProfile &profile)
{
    QHash<QString, QString> prefixes;
    for (const auto &service : profile.services) {
        if (service.celeryHostnamePrefix.isEmpty())
            continue;
        QString tier = service.celeryHostnamePrefix;
        for (const auto &t : profile.watchedTiers())
            if (t.service == service.name)
                tier = t.name;
        prefixes.insert(service.celeryHostnamePrefix, tier);
    }
    return prefixes;
}

} // namespace

PlatformMonitor::PlatformMonitor(MonitorOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_metrics(std::size_t(m_options.settings.pointsPerSeries()))
    , m_detector(m_options.flow)
    , m_discovery(m_options.profile)
    , m_topology(m_discovery.fromFiles())
{
    m_latest.environment = m_options.environment;
    m_latest.redis.url = m_options.redis.url.redacted();
}

PlatformMonitor::~PlatformMonitor()
{
    stopThreads();
}

template<typename Worker>
QThread *PlatformMonitor::runOnThread(Worker *worker, const char *name)
{
    auto *thread = new QThread(this);
    thread->setObjectName(QString::fromLatin1(name));
    worker->moveToThread(thread);
    connect(thread, &QThread::started, worker, &Worker::start);
    connect(thread, &QThread::finished, worker, &QObject::deleteLater);
    m_threads.append({thread, worker});
    thread->start();
    return thread;
}

void PlatformMonitor::start()
{
    const MonitorSettings &s = m_options.settings;
    CeleryKeyspace keyspace(s.keyPrefix, s.prioritySeparator, s.prioritySteps);
    auto *queues = new QueueMonitor(m_options.redis, keyspace, m_topology.queues, s.sampleIntervalMs);
    connect(queues, &QueueMonitor::queuesSampled, this, &PlatformMonitor::onQueues);
    connect(this, &PlatformMonitor::queueAssignmentsChanged, queues, &QueueMonitor::setQueues);

    HealthSettings health{s.sampleIntervalMs, s.probeTimeoutMs, s.slowThresholdMs};
    auto *prober = new HealthProber(ProbeTarget::fromProfile(m_options.profile, m_options.dockerHost), health);
    connect(prober, &HealthProber::serviceProbed, this, &PlatformMonitor::onServiceHealth);
    connect(prober, &HealthProber::healthSwept, this, &PlatformMonitor::onHealth);

    auto *events = new EventSubscriber(m_options.redis, tierPrefixes(m_options.profile), s.sampleIntervalMs);
    events->setFlow(m_options.flow, queueTiers(m_topology));
    connect(this, &PlatformMonitor::queueTiersChanged, events, &EventSubscriber::setQueueTiers);
    events->setKeyPrefix(s.keyPrefix);
    connect(events, &EventSubscriber::workersUpdated, this, &PlatformMonitor::onWorkers);
    connect(events, &EventSubscriber::flowUpdated, this, &PlatformMonitor::onFlow);
    connect(events, &EventSubscriber::taskEventSeen, this, &PlatformMonitor::taskEventObserved);
    connect(this, &PlatformMonitor::taskLookupRequested, events, &EventSubscriber::lookupTask);
    connect(events, &EventSubscriber::taskLookedUp, this, &PlatformMonitor::taskLookedUp);

    auto *probe = new ConsumerProbe(m_options.redis, s.sampleIntervalMs, m_options.flow.consumerReplyTimeoutMs);
    probe->setKeyPrefix(s.keyPrefix);
    connect(probe, &ConsumerProbe::consumersUpdated, this, [this](const QueueConsumers &c) {
        m_consumers = c;
        rediscover();
    });
    connect(this, &PlatformMonitor::liveWorkersChanged, probe, &ConsumerProbe::setLiveWorkers);

    runOnThread(queues, "e2i-queues");
    runOnThread(prober, "e2i-health");
    runOnThread(events, "e2i-events");
    runOnThread(probe, "e2i-consumers");
}

void PlatformMonitor::preloadHistory(const QHash<QString, std::vector<SeriesPoint>> &recorded)
{
    for (auto it = recorded.cbegin(); it != recorded.cend(); ++it)
        m_metrics.prependHistory(it.key(), it.value());
}

void PlatformMonitor::stopThreads()
{
    for (const auto &[thread, worker] : std::as_const(m_threads)) {
        // stop() runs on the worker's own thread, where its timers and sockets live.
        QMetaObject::invokeMethod(worker, "stop", Qt::BlockingQueuedConnection);
        thread->quit();
    }
    for (const auto &entry : std::as_const(m_threads))
        entry.first->wait();
    m_threads.clear();
}

bool PlatformMonitor::isComplete() const
{
    if (!m_haveQueues || !m_haveHealth)
        return false;
    if (!m_queues.redis.connected)
        return true; // nothing more will come until Redis is back; report what we have
    const bool heardHeartbeats = m_workers.listeningSince.isValid()
        && m_workers.listeningSince.msecsTo(m_workers.takenAt) >= kHeartbeatWindowMs;
    return heardHeartbeats && consumersKnown() && sampledCurrentQueues();
}

// The last queue sample read the queues the topology names now (a change
// reaches the queue monitor's thread one sample later).
bool PlatformMonitor::sampledCurrentQueues() const
{
    const auto &sampled = m_queues.queues;
    return sampled.size() == m_topology.queues.size()
        && std::equal(sampled.cbegin(), sampled.cend(), m_topology.queues.cbegin(),
                      [](const QueueDepth &depth, const QueueAssignment &assigned) {
                          return depth.name == assigned.queue && depth.tier == assigned.tier;
                      });
}

// Every live worker has answered what it consumes (or was too slow to): before
// that, the tiers and queues found on the live platform are not complete.
bool PlatformMonitor::consumersKnown() const
{
    return std::all_of(m_liveHostnames.cbegin(), m_liveHostnames.cend(), [this](const QString &host) {
        return m_consumers.answered(host) || m_consumers.silent.contains(host);
    });
}

void PlatformMonitor::onQueues(const QueueSnapshot &snapshot)
{
    m_queues = snapshot;
    m_haveQueues = true;
    if (!snapshot.declaredQueues.isEmpty()) {
        m_declaredQueues = snapshot.declaredQueues;
        rediscover();
    }
    publish();
}

void PlatformMonitor::onHealth(const QList<ServiceHealth> &services)
{
    m_health = services;
    m_haveHealth = true;
}

// One service's result as soon as its probe ends: a hanging endpoint elsewhere
// does not hold it back until the sweep's timeout.
void PlatformMonitor::onServiceHealth(const ServiceHealth &service)
{
    for (auto &h : m_health) {
        if (h.name == service.name) {
            h = service;
            return;
        }
    }
    m_health.append(service);
}

void PlatformMonitor::onWorkers(const WorkerSnapshot &snapshot)
{
    m_workers = snapshot;
    rediscover();
    QStringList live;
    for (const auto &w : snapshot.workers)
        live.append(w.hostname);
    if (live != m_liveHostnames) {
        m_liveHostnames = live;
        Q_EMIT liveWorkersChanged(live);
    }
}

void PlatformMonitor::rediscover()
{
    DiscoveredTopology topology = m_discovery.discover(m_workers.workers, m_consumers, m_declaredQueues);
    const bool queuesChanged = topology.queues != m_topology.queues;
    m_topology = std::move(topology);
    if (queuesChanged) {
        Q_EMIT queueAssignmentsChanged(m_topology.queues);
        Q_EMIT queueTiersChanged(queueTiers(m_topology));
    }
}

void PlatformMonitor::onFlow(const TaskFlowSnapshot &snapshot)
{
    m_flow = snapshot;
    Q_EMIT flowAvailable(snapshot);
}

// After the sample is recorded, so "growing" compares with what was measured.
QList<FlowFinding> PlatformMonitor::findAttention(const PlatformSample &sample)
{
    FlowInputs in;
    in.now = sample.sampledAt;
    in.countsKnown = sample.redis.connected && sample.eventsConnected;
    in.tiers = sample.tiers;
    in.queues = sample.queues;
    in.lostWorkers = m_workers.lost;
    in.consumers = m_consumers;
    in.failingWindow = m_flow.failingWindow;
    in.concurrency = tierConcurrency(m_options.profile);
    const qint64 now = sample.sampledAt.toMSecsSinceEpoch();
    for (const auto &tier : sample.tiers)
        if (m_metrics.grew(MetricsStore::tierQueuedSeries(tier.name), now, m_options.flow.growthWindowMs))
            in.growingTiers.insert(tier.name);
    return m_detector.evaluate(in);
}

void PlatformMonitor::publish()
{
    PlatformSample sample;
    sample.environment = m_options.environment;
    sample.sampledAt = m_queues.sampledAt;
    sample.redis = m_queues.redis;
    sample.eventsConnected = m_workers.connected;
    sample.queues = m_queues.queues;
    sample.tiers = buildTiers();
    rememberOrMarkUnknown(sample.tiers, sample.sampledAt);
    sample.services = m_health;
    applyWorkerHealth(sample.services, sample.tiers);
    m_metrics.record(sample);
    sample.attention = findAttention(sample);
    m_latest = sample;
    Q_EMIT sampleAvailable(sample);
}

QList<TierState> PlatformMonitor::buildTiers() const
{
    QList<TierState> tiers;
    for (const auto &policy : m_topology.tiers) {
        TierState tier = TierState::fromPolicy(policy);
        for (WorkerInfo w : m_workers.workers) {
            w.tier = m_topology.workerTiers.value(w.hostname, w.tier);
            if (w.tier == policy.name)
                tier.workers.append(w);
        }
        tier.replicas = int(tier.workers.size());
        for (const auto &q : m_queues.queues) {
            if (q.tier == policy.name) {
                tier.queued += q.depth;
                tier.unacked += q.unacked;
            }
        }
        tiers.append(tier);
    }
    return tiers;
}

// Zeros read while Redis is away are not measurements: a tier is then reported
// unknown together with what was last measured, never as "0 queued, 0 replicas".
void PlatformMonitor::rememberOrMarkUnknown(QList<TierState> &tiers, const QDateTime &sampledAt)
{
    const bool known = m_queues.redis.connected && m_workers.connected;
    for (auto &tier : tiers) {
        tier.countsKnown = known;
        if (known)
            m_lastKnownCounts.insert(tier.name, {tier.replicas, tier.queued, tier.unacked, sampledAt});
        tier.lastKnown = m_lastKnownCounts.value(tier.name);
    }
}

void PlatformMonitor::applyWorkerHealth(QList<ServiceHealth> &services, const QList<TierState> &tiers) const
{
    // A worker service has no HTTP endpoint: its health is its live workers
    // against the tier's minimum. A tier scaled to zero by policy is healthy.
    for (auto &service : services) {
        for (const auto &tier : tiers) {
            if (tier.service != service.name)
                continue;
            if (!m_workers.connected) {
                service.status = HealthStatus::Unknown;
                service.detail = m_workers.lastError.isEmpty() ? QStringLiteral("waiting for worker events")
                                                               : QStringLiteral("worker events unavailable: ") + m_workers.lastError;
            } else if (tier.discovered) {
                // No policy says how many there should be: the compose file's replicas
                // (deploy.replicas, 1 by default) are what `docker compose up` starts.
                const int started = tier.composeReplicas >= 0 ? tier.composeReplicas : 1;
                service.status = tier.replicas > 0 || started == 0 ? HealthStatus::Up : HealthStatus::Down;
                service.detail = QStringLiteral("%1 live worker(s) of %2 started by compose, no autoscale policy")
                                     .arg(tier.replicas)
                                     .arg(started);
            } else if (tier.replicas >= qMax(tier.minReplicas, 1) || (tier.minReplicas == 0 && tier.replicas == 0)) {
                service.status = HealthStatus::Up;
                service.detail = QStringLiteral("%1 live worker(s), min %2").arg(tier.replicas).arg(tier.minReplicas);
            } else {
                service.status = tier.replicas == 0 ? HealthStatus::Down : HealthStatus::Degraded;
                service.detail = QStringLiteral("%1 live worker(s), below min %2").arg(tier.replicas).arg(tier.minReplicas);
            }
        }
    }
}

} // namespace e2i
