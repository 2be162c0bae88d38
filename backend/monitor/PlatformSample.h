#pragma once
// One full observation of a platform: service health, queues, worker tiers.
// Immutable values produced by the monitors and consumed by widgets, e2ictl and
// snapshots; nothing here knows about hiredis, curl or YAML.
#include "flow/FlowFinding.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace e2i {

struct TierPolicy;

enum class HealthStatus { Up, Degraded, Down, Unknown };

QString healthStatusName(HealthStatus status); // "up", "degraded", "down", "unknown"

struct ServiceHealth {
    QString name;
    HealthStatus status = HealthStatus::Unknown;
    int httpStatus = 0;       // 0 = no HTTP answer (or not an HTTP probe)
    double latencyMs = -1.0;  // -1 = no answer
    QString detail;           // last error, or what was probed
    QString label;            // shown instead of the status's name when set: "tcp open", "not started"
    QString target;           // e.g. "GET http://127.0.0.1:8000/health", "PING 127.0.0.1:6379"
    QDateTime checkedAt;      // UTC
    QDateTime lastChange;     // UTC, when `status` last changed
};

struct QueueDepth {
    QString name;
    QString tier;
    qint64 depth = 0;           // sum over the priority sub-queues
    qint64 unacked = 0;         // fetched by a worker, not yet acknowledged
    QMap<int, qint64> byPriority; // priority step -> LLEN
    QString error;              // e.g. a key that is not a list
};

struct WorkerInfo {
    QString hostname; // light@host
    QString tier;
    int active = 0;
    qint64 processed = 0;
    QList<double> loadAverage;
    double heartbeatFrequency = 2.0; // seconds
    QDateTime lastHeartbeat;         // UTC, local receipt time
};

// A tier's counts as measured at one time.
struct TierCounts {
    int replicas = 0;
    qint64 queued = 0;
    qint64 unacked = 0;
    QDateTime at; // UTC; invalid = never measured
};

struct TierState {
    QString name;
    QString service;
    int replicas = 0; // live workers
    int minReplicas = 0;
    int maxReplicas = 0;
    QStringList queues;
    qint64 queued = 0;  // depth summed over the tier's queues
    qint64 unacked = 0;
    QList<WorkerInfo> workers;
    // False while Redis (queues or events) cannot be read: replicas, queued and
    // unacked above are then not measurements (they read 0) and must be shown as
    // unknown, with `lastKnown` (the last sample where they were measured).
    bool countsKnown = true;
    TierCounts lastKnown;
    // Not an autoscale.yml tier: found from the compose file or the live workers
    // (TierDiscovery); min and max replicas mean nothing for it.
    bool discovered = false;
    int composeReplicas = -1; // TierPolicy::composeReplicas

    // The tier as its policy defines it (name, service, queues, bounds), before
    // any measurement: the one place a TierState is made from a TierPolicy.
    static TierState fromPolicy(const TierPolicy &policy);
    // The other way: what the tier's state says of its policy, for a tier found only at
    // run time (no thresholds; the charts draw it without levels).
    TierPolicy policy() const;
};

struct RedisState {
    QString url; // never with a password
    bool connected = false;
    QDateTime disconnectedSince; // UTC, set while disconnected
    QString lastError;
};

struct PlatformSample {
    QString environment;
    QDateTime sampledAt; // UTC
    RedisState redis;
    bool eventsConnected = false;
    QList<ServiceHealth> services;
    QList<QueueDepth> queues;
    QList<TierState> tiers;
    QList<FlowFinding> attention; // is the work flowing (flow/FlowDetector)

    const TierState *tier(const QString &name) const;
};

} // namespace e2i
