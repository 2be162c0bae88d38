#include "EventDetector.h"

#include "EventKinds.h"

namespace e2i {
namespace {

QString durationText(qint64 ms)
{
    const qint64 s = ms / 1000;
    if (s < 120)
        return QStringLiteral("%1 s").arg(s);
    if (s < 7200)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

} // namespace

QList<HistoryEvent> EventDetector::detect(const PlatformSample &sample)
{
    QList<HistoryEvent> events;
    detectServices(sample, events);
    detectRedis(sample, events);
    detectLostTasks(sample, events);
    detectWorkers(sample, events);
    detectTiers(sample, events);
    detectFindings(sample, events);
    const qint64 t = sample.sampledAt.toMSecsSinceEpoch();
    for (HistoryEvent &e : events)
        e.timeMs = t;
    return events;
}

void EventDetector::detectServices(const PlatformSample &sample, QList<HistoryEvent> &events)
{
    for (const ServiceHealth &s : sample.services) {
        const auto previous = m_services.constFind(s.name);
        if (previous != m_services.constEnd() && *previous == s.status)
            continue;
        const QString from = previous == m_services.constEnd() ? QString() : healthStatusName(*previous);
        events.append({0, 0, EventKinds::ServiceStatus, s.name, from, healthStatusName(s.status), s.detail});
        m_services.insert(s.name, s.status);
    }
}

void EventDetector::detectRedis(const PlatformSample &sample, QList<HistoryEvent> &events)
{
    const bool connected = sample.redis.connected;
    const qint64 t = sample.sampledAt.toMSecsSinceEpoch();
    if (m_redisConnected == connected)
        return;
    if (!connected) {
        m_outageStartMs = sample.redis.disconnectedSince.isValid() ? sample.redis.disconnectedSince.toMSecsSinceEpoch() : t;
        m_depthBeforeOutage = m_lastDepth;
        events.append({0, 0, EventKinds::RedisDisconnected, sample.redis.url, QStringLiteral("connected"),
                       QStringLiteral("disconnected"), sample.redis.lastError});
    } else if (m_redisConnected.has_value()) {
        const QString outage = m_outageStartMs > 0 ? QStringLiteral("outage of ") + durationText(t - m_outageStartMs)
                                                   : QStringLiteral("outage of unknown length");
        events.append({0, 0, EventKinds::RedisReconnected, sample.redis.url, QStringLiteral("disconnected"),
                       QStringLiteral("connected"), outage});
        m_checkDepthsAfterOutage = !m_depthBeforeOutage.isEmpty();
    }
    m_redisConnected = connected;
}

// A broker that comes back with fewer tasks than it had: nothing could have
// consumed them while it was away, so the difference may be lost tasks.
void EventDetector::detectLostTasks(const PlatformSample &sample, QList<HistoryEvent> &events)
{
    if (!sample.redis.connected)
        return;
    if (m_checkDepthsAfterOutage) {
        for (const QueueDepth &q : sample.queues) {
            const auto before = m_depthBeforeOutage.constFind(q.name);
            const qint64 after = q.depth + q.unacked;
            if (before == m_depthBeforeOutage.constEnd() || after >= *before)
                continue;
            events.append({0, 0, EventKinds::PossibleTaskLoss, q.name, QString::number(*before), QString::number(after),
                           QStringLiteral("%1 fewer tasks after the broker outage (%2 before, %3 after)")
                               .arg(*before - after).arg(*before).arg(after)});
        }
        m_checkDepthsAfterOutage = false;
    }
    m_lastDepth.clear();
    for (const QueueDepth &q : sample.queues)
        m_lastDepth.insert(q.name, q.depth + q.unacked);
}

void EventDetector::detectWorkers(const PlatformSample &sample, QList<HistoryEvent> &events)
{
    const qint64 t = sample.sampledAt.toMSecsSinceEpoch();
    if (!sample.eventsConnected) {
        m_eventsSinceMs = -1;
        return;
    }
    if (m_eventsSinceMs < 0)
        m_eventsSinceMs = t;
    if (t - m_eventsSinceMs < kWorkerGraceMs)
        return;
    QHash<QString, WorkerInfo> now;
    for (const TierState &tier : sample.tiers)
        for (const WorkerInfo &w : tier.workers)
            now.insert(w.hostname, w);
    if (m_workers) {
        for (const WorkerInfo &w : std::as_const(now))
            if (!m_workers->contains(w.hostname))
                events.append({0, 0, EventKinds::WorkerJoined, w.hostname, QString(), QStringLiteral("live"), w.tier});
        for (const WorkerInfo &w : std::as_const(*m_workers)) {
            if (now.contains(w.hostname))
                continue;
            const qint64 deadline = w.lastHeartbeat.toMSecsSinceEpoch() + qint64(2000 * w.heartbeatFrequency);
            const bool clean = t < deadline;
            events.append({0, 0, clean ? EventKinds::WorkerLeft : EventKinds::WorkerLost, w.hostname,
                           QStringLiteral("live"), clean ? QStringLiteral("offline") : QStringLiteral("lost"),
                           clean ? QStringLiteral("%1: worker-offline").arg(w.tier)
                                 : QStringLiteral("%1: no heartbeat since %2").arg(w.tier, w.lastHeartbeat.toString(Qt::ISODate))});
        }
    }
    m_workers = now;
}

void EventDetector::detectFindings(const PlatformSample &sample, QList<HistoryEvent> &events)
{
    QHash<QString, FlowFinding> now;
    for (const FlowFinding &f : sample.attention)
        if (FlowFindingKinds::recordedAsEvents().contains(f.kind))
            now.insert(f.kind + u' ' + f.subject, f);
    for (auto it = now.cbegin(); it != now.cend(); ++it)
        if (!m_findings.contains(it.key()))
            events.append({0, 0, it->kind, it->subject, QStringLiteral("clear"), QStringLiteral("raised"), it->detail});
    for (auto it = m_findings.cbegin(); it != m_findings.cend(); ++it)
        if (!now.contains(it.key()))
            events.append({0, 0, it->kind, it->subject, QStringLiteral("raised"), QStringLiteral("cleared"), it->detail});
    m_findings = now;
}

void EventDetector::detectTiers(const PlatformSample &sample, QList<HistoryEvent> &events)
{
    if (!sample.eventsConnected || m_eventsSinceMs < 0
        || sample.sampledAt.toMSecsSinceEpoch() - m_eventsSinceMs < kWorkerGraceMs)
        return;
    for (const TierState &tier : sample.tiers) {
        const bool below = tier.replicas < tier.minReplicas;
        const auto previous = m_tierBelowMin.constFind(tier.name);
        const bool known = previous != m_tierBelowMin.constEnd();
        if ((known && *previous == below) || (!known && !below)) {
            m_tierBelowMin.insert(tier.name, below);
            continue;
        }
        const QString detail = QStringLiteral("%1 of min %2 workers").arg(tier.replicas).arg(tier.minReplicas);
        if (below)
            events.append({0, 0, EventKinds::TierBelowMin, tier.name, QStringLiteral("ok"), QStringLiteral("below min"), detail});
        else
            events.append({0, 0, EventKinds::TierRestored, tier.name, QStringLiteral("below min"), QStringLiteral("ok"), detail});
        m_tierBelowMin.insert(tier.name, below);
    }
}

} // namespace e2i
