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

QList<QueueAssignment> queueAssignments(const PlatformProfile &profile)
{
    QList<QueueAssignment> queues;
    for (const auto &tier : profile.autoscale.tiers)
        for (const auto &q : tier.queues)
            queues.append({q, tier.name});
    // Queues a worker consumes that the autoscale file does not name are still watched.
    for (const auto &service : profile.services)
        for (const auto &q : service.celeryQueues)
            if (!profile.autoscale.tierForQueue(q))
                queues.append({q, service.celeryHostnamePrefix});
    return queues;
}

QHash<QString, QString> queueTiers(const PlatformProfile &profile)
{
    QHash<QString, QString> tiers;
    for (const auto &q : queueAssignments(profile))
        tiers.insert(q.queue, q.tier);
    return tiers;
}

// Per-worker concurrency of each tier, from its compose command (0 = not given).
QHash<QString, int> tierConcurrency(const PlatformProfile &profile)
{
    QHash<QString, int> concurrency;
    for (const auto &tier : profile.autoscale.tiers)
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
        for (const auto &t : profile.autoscale.tiers)
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
    auto *queues = new QueueMonitor(m_options.redis, keyspace, queueAssignments(m_options.profile), s.sampleIntervalMs);
    connect(queues, &QueueMonitor::queuesSampled, this, &PlatformMonitor::onQueues);

    HealthSettings health{s.sampleIntervalMs, s.probeTimeoutMs, s.slowThresholdMs};
    auto *prober = new HealthProber(ProbeTarget::fromProfile(m_options.profile, m_options.dockerHost), health);
    connect(prober, &HealthProber::serviceProbed, this, &PlatformMonitor::onServiceHealth);
    connect(prober, &HealthProber::healthSwept, this, &PlatformMonitor::onHealth);

    auto *events = new EventSubscriber(m_options.redis, tierPrefixes(m_options.profile), s.sampleIntervalMs);
    events->setFlow(m_options.flow, queueTiers(m_options.profile));
    connect(events, &EventSubscriber::workersUpdated, this, &PlatformMonitor::onWorkers);
    connect(events, &EventSubscriber::flowUpdated, this, &PlatformMonitor::onFlow);
    connect(events, &EventSubscriber::taskEventSeen, this, &PlatformMonitor::taskEventObserved);

    auto *probe = new ConsumerProbe(m_options.redis, s.sampleIntervalMs, m_options.flow.consumerReplyTimeoutMs);
    connect(probe, &ConsumerProbe::consumersUpdated, this, [this](const QueueConsumers &c) { m_consumers = c; });
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
    return m_workers.listeningSince.isValid()
        && m_workers.listeningSince.msecsTo(m_workers.takenAt) >= kHeartbeatWindowMs;
}

void PlatformMonitor::onQueues(const QueueSnapshot &snapshot)
{
    m_queues = snapshot;
    m_haveQueues = true;
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
    QStringList live;
    for (const auto &w : snapshot.workers)
        live.append(w.hostname);
    if (live != m_liveHostnames) {
        m_liveHostnames = live;
        Q_EMIT liveWorkersChanged(live);
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
    for (const auto &policy : m_options.profile.autoscale.tiers) {
        TierState tier = TierState::fromPolicy(policy);
        for (const auto &w : m_workers.workers)
            if (w.tier == policy.name)
                tier.workers.append(w);
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
