#pragma once
// Builds a PlatformProfile from the platform's docker-compose.yml and
// config/autoscale.yml. Never throws: every problem is in profile.diagnostics,
// and whatever could be read is kept.
#include "ComposeEnvironment.h"
#include "PlatformProfile.h"

#include <QHash>

namespace e2i {

class PlatformProfileLoader {
public:
    // Interpolation uses `options`: the shell environment over the .env beside the
    // compose file (or the given env files); services outside the active profiles are
    // marked inactive.
    static PlatformProfile loadWith(const QString &composeFile, const QString &autoscaleFile,
                                    const ComposeEnvironmentOptions &options);
    // Services, volumes and project name only.
    static PlatformProfile loadComposeWith(const QString &composeFile, const ComposeEnvironmentOptions &options);
    // The same with `environment` as the shell (callers pass the process environment);
    // the .env beside the compose file is still read, as Compose does.
    static PlatformProfile load(const QString &composeFile, const QString &autoscaleFile,
                                const QHash<QString, QString> &environment);
    static PlatformProfile loadCompose(const QString &composeFile, const QHash<QString, QString> &environment);
    static AutoscalePolicy loadAutoscale(const QString &autoscaleFile, Diagnostics &diagnostics);

    // Every worker service no autoscale tier names becomes a discovered tier
    // (loadWith does this; callers without an autoscale file call it themselves).
    static void addDiscoveredTiers(PlatformProfile &profile);

    // The process environment as a hash, for `environment` above.
    static QHash<QString, QString> processEnvironment();

private:
    static void checkTierServices(PlatformProfile &profile);
    static void markInactiveServices(PlatformProfile &profile, const ComposeEnvironment &environment);
};

} // namespace e2i
