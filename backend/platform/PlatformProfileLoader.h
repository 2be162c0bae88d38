#pragma once
// Builds a PlatformProfile from the platform's docker-compose.yml and
// config/autoscale.yml. Never throws: every problem is in profile.diagnostics,
// and whatever could be read is kept.
#include "PlatformProfile.h"

#include <QHash>

namespace e2i {

class PlatformProfileLoader {
public:
    // `environment` is used for compose interpolation; callers pass the process environment.
    static PlatformProfile load(const QString &composeFile, const QString &autoscaleFile,
                                const QHash<QString, QString> &environment);
    // Services, volumes and project name only.
    static PlatformProfile loadCompose(const QString &composeFile, const QHash<QString, QString> &environment);
    static AutoscalePolicy loadAutoscale(const QString &autoscaleFile, Diagnostics &diagnostics);

    // The process environment as a hash, for `environment` above.
    static QHash<QString, QString> processEnvironment();

private:
    static void checkTierServices(PlatformProfile &profile);
};

} // namespace e2i
