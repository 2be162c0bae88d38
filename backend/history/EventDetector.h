#pragma once
// Turns the stream of samples into timeline events by comparing each sample
// with the state before it: service status changes, Redis outages (with their
// duration), workers joining, leaving cleanly or lost, tiers going below their
// minimum and back, and queue depths that fell across a broker outage.
//
// A worker that disappears while its last heartbeat is still within Celery's
// liveness window (2 x its frequency) can only have been removed by its
// worker-offline event: it left cleanly. One that disappears after the window
// stopped sending heartbeats: it was lost.
//
// Flow findings (no consumer, stalled, failing, at max and growing) go into the
// timeline when raised and when cleared, under their own kind; below_min and
// worker_lost are the tier and worker events above.
#include "HistoryEvent.h"
#include "monitor/PlatformSample.h"

#include <QHash>
#include <QList>

#include <optional>

namespace e2i {

class EventDetector
{
public:
    // After (re)subscribing, worker lists are incomplete until every worker has
    // sent a heartbeat; comparisons wait this long.
    static constexpr qint64 kWorkerGraceMs = 5000;

    // The states the store last recorded, so that a restarted recorder reports
    // only what changed while it was away.
    void seedService(const QString &service, HealthStatus status) { m_services.insert(service, status); }
    void seedRedis(bool connected) { m_redisConnected = connected; }

    QList<HistoryEvent> detect(const PlatformSample &sample);

private:
    void detectServices(const PlatformSample &sample, QList<HistoryEvent> &events);
    void detectRedis(const PlatformSample &sample, QList<HistoryEvent> &events);
    void detectWorkers(const PlatformSample &sample, QList<HistoryEvent> &events);
    void detectTiers(const PlatformSample &sample, QList<HistoryEvent> &events);
    void detectLostTasks(const PlatformSample &sample, QList<HistoryEvent> &events);
    void detectFindings(const PlatformSample &sample, QList<HistoryEvent> &events);

    QHash<QString, HealthStatus> m_services;
    std::optional<bool> m_redisConnected;
    qint64 m_outageStartMs = 0;
    QHash<QString, qint64> m_depthBeforeOutage; // queue -> depth at the last connected sample
    QHash<QString, qint64> m_lastDepth;
    bool m_checkDepthsAfterOutage = false;
    std::optional<QHash<QString, WorkerInfo>> m_workers; // empty until a full view is had
    qint64 m_eventsSinceMs = -1;
    QHash<QString, bool> m_tierBelowMin;
    QHash<QString, FlowFinding> m_findings; // "kind subject" -> finding, as last seen
};

} // namespace e2i
