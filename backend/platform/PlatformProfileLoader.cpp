#include "PlatformProfileLoader.h"

#include "AutoscaleFileReader.h"
#include "ComposeFileReader.h"

#include <QProcessEnvironment>

namespace e2i {

PlatformProfile PlatformProfileLoader::load(const QString &composeFile, const QString &autoscaleFile,
                                            const QHash<QString, QString> &environment)
{
    return loadWith(composeFile, autoscaleFile, ComposeEnvironmentOptions{environment, {}, {}});
}

PlatformProfile PlatformProfileLoader::loadCompose(const QString &composeFile,
                                                   const QHash<QString, QString> &environment)
{
    return loadComposeWith(composeFile, ComposeEnvironmentOptions{environment, {}, {}});
}

PlatformProfile PlatformProfileLoader::loadWith(const QString &composeFile, const QString &autoscaleFile,
                                                const ComposeEnvironmentOptions &options)
{
    PlatformProfile profile = loadComposeWith(composeFile, options);
    profile.autoscaleFile = autoscaleFile;
    profile.autoscale = loadAutoscale(autoscaleFile, profile.diagnostics);
    checkTierServices(profile);
    addDiscoveredTiers(profile);
    return profile;
}

PlatformProfile PlatformProfileLoader::loadComposeWith(const QString &composeFile,
                                                       const ComposeEnvironmentOptions &options)
{
    PlatformProfile profile;
    profile.composeFile = composeFile;
    const ComposeEnvironment environment = ComposeEnvironment::resolve(composeFile, options, profile.diagnostics);
    profile.envFiles = environment.envFilesRead;
    profile.activeProfiles = environment.activeProfiles;
    ComposeFileReader(composeFile, environment.variables, profile.diagnostics).read(profile);
    markInactiveServices(profile, environment);
    return profile;
}

void PlatformProfileLoader::markInactiveServices(PlatformProfile &profile, const ComposeEnvironment &environment)
{
    for (ServiceSpec &service : profile.services) {
        service.active = environment.isActive(service.profiles);
        if (!service.active)
            service.inactiveReason = QStringLiteral("profile %1 is not active").arg(service.profiles.join(QStringLiteral(", ")));
    }
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

// Real platforms start workers with default queues, from scripts, or with no
// autoscale.yml at all: every worker service no tier names is still watched, as
// a tier of its own whose queues the live platform tells (see TierDiscovery).
void PlatformProfileLoader::addDiscoveredTiers(PlatformProfile &profile)
{
    QStringList names;
    for (const ServiceSpec &service : std::as_const(profile.services)) {
        const bool named = std::any_of(profile.autoscale.tiers.cbegin(), profile.autoscale.tiers.cend(),
                                       [&](const TierPolicy &tier) { return tier.service == service.name; });
        if (!service.isCeleryWorker() || named || profile.autoscale.tier(service.name))
            continue;
        TierPolicy tier;
        tier.name = service.name;
        tier.service = service.name;
        tier.queues = service.celeryQueues;
        tier.minReplicas = 0;
        tier.maxReplicas = 0;
        tier.discovered = true;
        tier.composeReplicas = service.replicas;
        profile.discoveredTiers.append(tier);
        names.append(service.name);
    }
    if (names.isEmpty())
        return;
    const QString why = profile.autoscale.tiers.isEmpty() ? QStringLiteral("no autoscale tiers were read")
                                                         : QStringLiteral("no autoscale tier names them");
    profile.diagnostics.append({Diagnostic::Severity::Warning, profile.composeFile, 0, 0, QStringLiteral("services"),
                                QStringLiteral("worker service(s) %1 watched as discovered tiers (%2): queues from "
                                               "the live workers, no replica bounds or thresholds")
                                    .arg(names.join(QStringLiteral(", ")), why)});
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
