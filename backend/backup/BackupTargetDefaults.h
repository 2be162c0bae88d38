#pragma once
// The targets an environment gets without configuration, from its compose
// file: every service with a `redis-cli ping` health check is a Redis-protocol
// target (RDB over the published port); every other named volume is archived by
// a throw-away container. Volumes of Redis-protocol services are left out:
// their RDB is the consistent copy, a tar of a live data dir is not.
#include "BackupTarget.h"
#include "platform/PlatformProfile.h"

#include <QList>

namespace e2i {

class BackupTargetDefaults
{
public:
    static const QString kVolumeCommand;
    static const QString kVolumeVerifyCommand;
    static const QString kVolumeRestoreCommand;

    // `platformRedis` is the console's own Redis endpoint (with its password),
    // used for the service named "redis".
    static QList<BackupTarget> fromProfile(const PlatformProfile &profile, const QString &dockerHost,
                                           const RedisEndpoint &platformRedis);
};

} // namespace e2i
