#include "BackupTargetDefaults.h"

#include <QSet>

namespace e2i {

const QString BackupTargetDefaults::kVolumeCommand = QStringLiteral(
    "docker run --rm -v {volume}:/data:ro -v {backup_dir}:/backup alpine tar -C /data -czf /backup/{output} .");
const QString BackupTargetDefaults::kVolumeVerifyCommand = QStringLiteral("tar -tzf {output_path}");
const QString BackupTargetDefaults::kVolumeRestoreCommand = QStringLiteral(
    "docker run --rm -v {volume}:/data -v {backup_dir}:/backup:ro alpine "
    "sh -c \"find /data -mindepth 1 -delete && tar -C /data -xzf /backup/{file}\"");

namespace {

constexpr int kDefaultRedisPort = 6379;

std::optional<BackupTarget> redisTarget(const ServiceSpec &service, const QString &dockerHost, const RedisEndpoint &platformRedis)
{
    BackupTarget target;
    target.name = service.name;
    target.kind = BackupTarget::Kind::RedisRdb;
    if (service.name == QLatin1String("redis")) {
        target.redis = platformRedis;
        return target;
    }
    const int containerPort = service.health.containerPort > 0 ? service.health.containerPort : kDefaultRedisPort;
    const auto published = service.publishedPort(containerPort);
    if (!published)
        return std::nullopt; // not reachable from the console
    target.redis.url.host = dockerHost;
    target.redis.url.port = *published;
    target.redis.timeoutMs = platformRedis.timeoutMs;
    return target;
}

BackupTarget volumeTarget(const QString &volume)
{
    BackupTarget target;
    target.name = volume;
    target.kind = BackupTarget::Kind::Command;
    target.volume = volume;
    target.command = BackupTargetDefaults::kVolumeCommand;
    target.verifyCommand = BackupTargetDefaults::kVolumeVerifyCommand;
    target.restoreSteps = {BackupTargetDefaults::kVolumeRestoreCommand};
    return target;
}

} // namespace

QList<BackupTarget> BackupTargetDefaults::fromProfile(const PlatformProfile &profile, const QString &dockerHost,
                                                      const RedisEndpoint &platformRedis)
{
    QList<BackupTarget> targets;
    QSet<QString> redisVolumes;
    for (const ServiceSpec &service : profile.services) {
        if (service.health.kind != HealthProbe::Kind::Redis)
            continue;
        if (const auto target = redisTarget(service, dockerHost, platformRedis))
            targets.append(*target);
        for (const QString &volume : service.volumes)
            redisVolumes.insert(volume);
    }
    for (const QString &volume : profile.volumes)
        if (!redisVolumes.contains(volume))
            targets.append(volumeTarget(volume));
    return targets;
}

} // namespace e2i
