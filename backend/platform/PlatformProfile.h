#pragma once
// What the console knows about a platform deployment: its services (from the
// compose file) and its worker tiers with their autoscale policy (from
// config/autoscale.yml). Immutable values, built by PlatformProfileLoader.
#include "core/Diagnostic.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace e2i {

struct ResourceSpec {
    double cpus = 0.0;      // vCPUs; 0 = not set
    double memoryGiB = 0.0; // GiB (2^30 bytes); 0 = not set
    bool isSet() const { return cpus > 0.0 || memoryGiB > 0.0; }
};

struct PortMapping {
    QString hostIp;        // empty = all interfaces
    int hostPort = 0;      // 0 = not published (container port only)
    int containerPort = 0;
    QString protocol = QStringLiteral("tcp");
};

// How a service's compose health check is translated into a probe the console can run.
struct HealthProbe {
    enum class Kind {
        None,    // the service has no health check
        Http,    // `curl -f URL`, `wget -qO- URL` (and the CMD-SHELL forms of both)
        Redis,   // `redis-cli ping` (valkey-cli, keydb-cli), or a Redis image without a check
        Unknown, // anything else: reported as status "unknown", with the command
    };
    Kind kind = Kind::None;
    QString url;              // as written in the compose file (container's view), Http only
    int containerPort = 0;    // port the check talks to inside the container
    QString path;             // Http: path and query, e.g. "/health"
    QString command;          // the test command for display, passwords masked as ***
    // Unknown checks the console cannot run (pg_isready, mysqladmin ping, celery
    // inspect ping, scripts) of a service that publishes a port: a TCP connect to
    // containerPort through its published port can stand in, shown as "tcp open".
    // Kind stays Unknown so probers that do not know this still say "unknown".
    bool tcpConnect = false;
    QString note; // why this probe was chosen, e.g. "redis image without a health check"
    int intervalSeconds = 30; // compose defaults
    int timeoutSeconds = 30;
};

struct ServiceSpec {
    QString name;
    QString image;
    QList<PortMapping> ports;
    HealthProbe health;
    // deploy.resources.limits, else the service-level cpus / mem_limit (Compose's precedence).
    ResourceSpec limits;
    // deploy.resources.reservations, else the service-level mem_reservation.
    ResourceSpec reservations;
    QString limitsSource; // "deploy.resources.limits", "cpus/mem_limit", or empty when no limit is set
    int replicas = 1; // deploy.replicas (compose default 1)
    QStringList profiles;
    // False when none of `profiles` is active: Compose does not start the service.
    bool active = true;
    QString inactiveReason; // e.g. "profile debug is not active"
    QStringList command; // passwords masked as ***
    QStringList volumes; // named volumes the service mounts

    QString hostname;      // compose `hostname:`, the container's hostname (Celery's default %h)
    QString containerName; // compose `container_name:`

    // Celery workers: parsed from `celery ... worker --queues=a,b --hostname=light@%h`.
    // A plain `celery -A app worker` is a worker too, with its queues found live.
    bool celeryWorker = false;
    QStringList celeryQueues;
    QString celeryHostnamePrefix; // "light" for --hostname=light@%h
    int celeryConcurrency = 0;
    bool isCeleryWorker() const { return celeryWorker || !celeryQueues.isEmpty() || !celeryHostnamePrefix.isEmpty(); }

    // The host port that publishes `containerPort`, if any.
    std::optional<int> publishedPort(int containerPort) const;
};

// One tier of config/autoscale.yml, with `defaults` already merged in.
struct TierPolicy {
    QString name;    // light / medium / heavy
    QString service; // compose service, e.g. worker_light
    QStringList queues;
    int minReplicas = 0;
    int maxReplicas = 1;
    double scaleUpThreshold = 10.0;  // queued tasks per running replica
    double scaleDownThreshold = 2.0;
    int scaleUpStep = 1;
    int scaleDownStep = 1;
    int scaleUpCooldownSeconds = 60;
    int scaleDownCooldownSeconds = 300;
    // Not from autoscale.yml: a worker service no tier names, watched as a tier of
    // its own with the queues its workers are seen to consume. It has no bounds and
    // no thresholds, and the autoscale editor and loop never see it.
    bool discovered = false;
    // A discovered tier's service: the replicas `docker compose up` starts
    // (deploy.replicas, 1 by default); -1 for a tier seen only live.
    int composeReplicas = -1;
};

struct AutoscalePolicy {
    int pollIntervalSeconds = 15;
    bool dryRun = false;
    QString redisUrl;
    QString composeFile;
    QList<TierPolicy> tiers;
    // 1-based line of each scalar as read, keyed by its dotted path
    // ("tiers.heavy.min_replicas", "poll_interval_seconds"), so rule violations
    // found after loading can still point at the line to fix.
    QHash<QString, int> lines;

    const TierPolicy *tier(const QString &name) const;
    const TierPolicy *tierForQueue(const QString &queue) const;
};

struct PlatformProfile {
    QString projectName; // compose `name:`
    QString composeFile; // path it was read from
    QString autoscaleFile;
    QList<ServiceSpec> services;
    QStringList volumes; // top-level named volumes
    QStringList envFiles;       // the .env / --env-file files interpolation read, in order
    QStringList activeProfiles; // from --profile, else COMPOSE_PROFILES
    AutoscalePolicy autoscale;
    // Worker services of the compose file that no autoscale tier names, one tier each.
    QList<TierPolicy> discoveredTiers;
    Diagnostics diagnostics; // everything that was wrong or unknown while reading

    // The tiers the console watches: autoscale.yml's, then the discovered ones.
    QList<TierPolicy> watchedTiers() const { return autoscale.tiers + discoveredTiers; }

    const ServiceSpec *service(const QString &name) const;
    QStringList allQueues() const; // every tier's queues, in tier order
};

} // namespace e2i
