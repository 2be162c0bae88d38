#include "JobPlatform.h"

namespace e2i {

namespace {

// The tier that consumes `queue` and the hostname prefix of its workers.
JobPlatform::QueueConsumers consumersOf(const PlatformProfile &profile, const QString &queue)
{
    for (const TierPolicy &tier : profile.watchedTiers())
        if (tier.queues.contains(queue)) {
            const ServiceSpec *service = profile.service(tier.service);
            return {tier.name, service ? service->celeryHostnamePrefix : QString()};
        }
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
        platform.consumers.insert(QLatin1String(queue), consumersOf(options.profile, QLatin1String(queue)));
    return platform;
}

} // namespace e2i
