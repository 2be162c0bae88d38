#pragma once
// Hand-built samples and profiles for widget tests: the reference platform's
// shape (resources/platform) with numbers the test controls.
#include "monitor/PlatformSample.h"
#include "platform/PlatformProfile.h"
#include "platform/PlatformProfileLoader.h"

namespace e2i::test {

inline PlatformProfile referenceProfile()
{
    return PlatformProfileLoader::load(QStringLiteral(E2I_SOURCE_DIR "/resources/platform/docker-compose.yml"),
                                       QStringLiteral(E2I_SOURCE_DIR "/resources/platform/autoscale.yml"), {});
}

inline WorkerInfo worker(const QString &hostname, const QString &tier, const QDateTime &heartbeat)
{
    WorkerInfo w;
    w.hostname = hostname;
    w.tier = tier;
    w.active = 1;
    w.processed = 10;
    w.loadAverage = {0.5, 0.4, 0.3};
    w.lastHeartbeat = heartbeat;
    return w;
}

// `replicas` live workers per tier, `queued` tasks on each tier's first queue.
inline PlatformSample sample(const PlatformProfile &profile, const QHash<QString, int> &replicas,
                             const QHash<QString, qint64> &queued, const QDateTime &at)
{
    PlatformSample s;
    s.environment = QStringLiteral("test");
    s.sampledAt = at;
    s.redis.url = QStringLiteral("redis://127.0.0.1:6379/0");
    s.redis.connected = true;
    s.eventsConnected = true;
    for (const auto &service : profile.services) {
        ServiceHealth h;
        h.name = service.name;
        h.status = service.name == u"feast" ? HealthStatus::Down : HealthStatus::Up;
        h.httpStatus = service.name == u"feast" ? 0 : 200;
        h.latencyMs = service.name == u"feast" ? -1 : 3.5;
        h.detail = service.name == u"feast" ? QStringLiteral("Connection refused") : QString();
        h.checkedAt = at;
        h.lastChange = at.addSecs(-90);
        s.services.append(h);
    }
    for (const auto &policy : profile.autoscale.tiers) {
        TierState t = TierState::fromPolicy(policy);
        for (int i = 0; i < replicas.value(policy.name); ++i)
            t.workers.append(worker(QStringLiteral("%1@host-%2").arg(policy.name).arg(i), policy.name, at.addMSecs(-700)));
        t.replicas = int(t.workers.size());
        for (const auto &q : policy.queues) {
            QueueDepth d;
            d.name = q;
            d.tier = policy.name;
            d.depth = q == policy.queues.first() ? queued.value(policy.name) : 0;
            d.byPriority.insert(0, d.depth);
            t.queued += d.depth;
            s.queues.append(d);
        }
        s.tiers.append(t);
    }
    return s;
}

} // namespace e2i::test
