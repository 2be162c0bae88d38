#include "JobPlatform.h"

namespace e2i {

namespace {

// The hostname prefix of the workers of the tier that consumes `queue`.
QString workerPrefixFor(const PlatformProfile &profile, const QString &queue)
{
    for (const TierPolicy &tier : profile.watchedTiers())
        if (tier.queues.contains(queue))
            if (const ServiceSpec *service = profile.service(tier.service))
                return service->celeryHostnamePrefix;
    return {};
}

} // namespace

JobPlatform JobPlatform::fromOptions(const MonitorOptions &options, bool production, int resultDb)
{
    const MonitorSettings &s = options.settings;
    JobPlatform platform;
    platform.environment = options.environment;
    platform.production = production;
    platform.broker = options.redis;
    platform.resultDb = resultDb;
    platform.keyspace = CeleryKeyspace(s.keyPrefix, s.prioritySeparator, s.prioritySteps);
    for (const char *queue : {ShapQueue, CausalQueue})
        platform.workerPrefixes.insert(QLatin1String(queue), workerPrefixFor(options.profile, QLatin1String(queue)));
    return platform;
}

} // namespace e2i
