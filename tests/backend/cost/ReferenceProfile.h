#pragma once
// The reference platform built by hand, mirroring resources/platform/docker-compose.yml
// (services, replicas, deploy.resources.limits) and autoscale.yml (tiers).
#include "../policy/ReferencePolicy.h"
#include "platform/PlatformProfile.h"

namespace e2i::test {

inline ServiceSpec service(const char *name, double cpus, double memoryGiB, int replicas = 1)
{
    ServiceSpec s;
    s.name = QLatin1String(name);
    s.limits = {cpus, memoryGiB};
    s.replicas = replicas;
    return s;
}

inline ServiceSpec worker(const char *name, double cpus, double memoryGiB, int replicas, const char *prefix)
{
    ServiceSpec s = service(name, cpus, memoryGiB, replicas);
    s.celeryHostnamePrefix = QLatin1String(prefix);
    return s;
}

inline PlatformProfile referenceProfile()
{
    PlatformProfile profile;
    profile.projectName = QStringLiteral("e2i");
    profile.services = {
        service("redis", 1, 1),      service("falkordb", 1, 2), service("mlflow", 1, 2),
        service("bentoml", 2, 4),    service("feast", 1, 2),    service("opik", 1, 2),
        service("api", 2, 4),
        worker("worker_light", 2, 2, 2, "light"),
        worker("worker_medium", 4, 8, 1, "medium"),
        worker("worker_heavy", 16, 32, 0, "heavy"),
        service("scheduler", 0.5, 0.5), service("frontend", 0.5, 0.5),
    };
    profile.autoscale = referencePolicy();
    return profile;
}

} // namespace e2i::test
