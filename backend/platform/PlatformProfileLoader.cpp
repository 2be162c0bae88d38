#include "PlatformProfileLoader.h"

#include "AutoscaleFileReader.h"
#include "ComposeFileReader.h"

#include <QProcessEnvironment>

namespace e2i {

PlatformProfile PlatformProfileLoader::load(const QString &composeFile, const QString &autoscaleFile,
                                            const QHash<QString, QString> &environment)
{
    PlatformProfile profile = loadCompose(composeFile, environment);
    profile.autoscaleFile = autoscaleFile;
    profile.autoscale = loadAutoscale(autoscaleFile, profile.diagnostics);
    checkTierServices(profile);
    return profile;
}

PlatformProfile PlatformProfileLoader::loadCompose(const QString &composeFile,
                                                   const QHash<QString, QString> &environment)
{
    PlatformProfile profile;
    profile.composeFile = composeFile;
    ComposeFileReader(composeFile, environment, profile.diagnostics).read(profile);
    return profile;
}

AutoscalePolicy PlatformProfileLoader::loadAutoscale(const QString &autoscaleFile, Diagnostics &diagnostics)
{
    return AutoscaleFileReader(autoscaleFile, diagnostics).read();
}

QHash<QString, QString> PlatformProfileLoader::processEnvironment()
{
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    QHash<QString, QString> environment;
    for (const QString &name : system.keys())
        environment.insert(name, system.value(name));
    return environment;
}

// Checked only when the compose file gave services: a missing compose file is
// already reported once, not once per tier.
void PlatformProfileLoader::checkTierServices(PlatformProfile &profile)
{
    if (profile.services.isEmpty())
        return;
    for (const TierPolicy &tier : profile.autoscale.tiers) {
        if (tier.service.isEmpty() || profile.service(tier.service))
            continue;
        const QString field = QStringLiteral("tiers.") + tier.name + QStringLiteral(".service");
        profile.diagnostics.append({Diagnostic::Severity::Error, profile.autoscaleFile,
                                    profile.autoscale.lines.value(field), 0, field,
                                    QStringLiteral("service '%1' is not in %2").arg(tier.service, profile.composeFile)});
    }
}

} // namespace e2i
