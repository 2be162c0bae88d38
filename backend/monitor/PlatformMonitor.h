#pragma once
// The live view of one platform. Runs the queue monitor, the health prober and
// the event subscriber each on a named thread of its own, merges what they
// report into a PlatformSample once per interval, records it in the metrics
// store, and emits it. Lives on the thread that created it (the GUI thread in
// the console); it never blocks that thread.
#include "MetricsStore.h"
#include "MonitorOptions.h"
#include "PlatformSample.h"
#include "QueueSnapshot.h"
#include "TierDiscovery.h"
#include "WorkerSnapshot.h"
#include "flow/FlowDetector.h"
#include "flow/QueueConsumers.h"
#include "flow/TaskEventLine.h"
#include "flow/TaskFlowSnapshot.h"
#include "flow/TaskLookup.h"

#include <QHash>
#include <QObject>

class QThread;

namespace e2i {

class PlatformMonitor : public QObject
{
    Q_OBJECT
public:
    explicit PlatformMonitor(MonitorOptions options, QObject *parent = nullptr);
    ~PlatformMonitor() override;

    void start();
    // Recorded history before the live samples (history/ChartHistoryLoader).
    void preloadHistory(const QHash<QString, std::vector<SeriesPoint>> &recorded);
    const PlatformSample &latest() const { return m_latest; }
    const TaskFlowSnapshot &latestFlow() const { return m_flow; }
    const QueueConsumers &consumers() const { return m_consumers; }
    const MetricsStore &metrics() const { return m_metrics; }
    const PlatformProfile &profile() const { return m_options.profile; }
    const MonitorOptions &options() const { return m_options; }

    // True once every part has reported: a health sweep, a queue sample, and
    // (while Redis is reachable) a full heartbeat period of listening to events.
    bool isComplete() const;
    // Asks the task flow, on its own thread, about one task id: taskLookedUp answers.
    void lookupTask(const QString &taskId) { Q_EMIT taskLookupRequested(taskId); }

Q_SIGNALS:
    void sampleAvailable(const e2i::PlatformSample &sample);
    void flowAvailable(const e2i::TaskFlowSnapshot &snapshot);
    void taskEventObserved(const e2i::TaskEventLine &event);
    void taskLookedUp(const e2i::TaskLookup &result);
    // lookupTask() to the event subscriber's thread (internal).
    void taskLookupRequested(const QString &taskId);
    // Tells the consumer probe which workers to wait for (internal, crosses threads).
    void liveWorkersChanged(const QStringList &hostnames);
    // The queues to sample changed (found on the live platform); to the queue monitor.
    void queueAssignmentsChanged(const QList<e2i::QueueAssignment> &queues);
    // The same change as queue -> tier, to the event subscriber's task flow (internal).
    void queueTiersChanged(const QHash<QString, QString> &queueToTier);

private:
    void onQueues(const QueueSnapshot &snapshot);
    void onHealth(const QList<ServiceHealth> &services);
    void onServiceHealth(const ServiceHealth &service);
    void onWorkers(const WorkerSnapshot &snapshot);
    void onFlow(const TaskFlowSnapshot &snapshot);
    QList<FlowFinding> findAttention(const PlatformSample &sample);
    void publish();
    void rediscover();
    bool consumersKnown() const;
    bool sampledCurrentQueues() const;
    QList<TierState> buildTiers() const;
    void rememberOrMarkUnknown(QList<TierState> &tiers, const QDateTime &sampledAt);
    void applyWorkerHealth(QList<ServiceHealth> &services, const QList<TierState> &tiers) const;
    template<typename Worker>
    QThread *runOnThread(Worker *worker, const char *name);
    void stopThreads();

    MonitorOptions m_options;
    MetricsStore m_metrics;
    PlatformSample m_latest;
    QueueSnapshot m_queues;
    QList<ServiceHealth> m_health;
    WorkerSnapshot m_workers;
    TaskFlowSnapshot m_flow;
    QueueConsumers m_consumers;
    FlowDetector m_detector;
    TierDiscovery m_discovery;
    DiscoveredTopology m_topology;
    QStringList m_declaredQueues; // from the last binding scan that found any
    QStringList m_liveHostnames;
    QHash<QString, TierCounts> m_lastKnownCounts; // by tier name
    bool m_haveQueues = false;
    bool m_haveHealth = false;
    QList<QPair<QThread *, QObject *>> m_threads;
};

} // namespace e2i
