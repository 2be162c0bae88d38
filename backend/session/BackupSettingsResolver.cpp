#include "BackupSettingsResolver.h"

#include "backup/BackupConfigLoader.h"
#include "backup/BackupTargetDefaults.h"

#include <QStandardPaths>

namespace e2i {

QString BackupSettingsResolver::defaultConfigPath(const QString &environment)
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/e2i-console/backup-%1.yml").arg(environment);
}

ResolvedBackupSettings BackupSettingsResolver::resolve(const PlatformArguments &platform, const QString &configFile,
                                                       const QString &directory)
{
    return fromPlatform(PlatformResolver::resolve(platform), configFile, directory);
}

ResolvedBackupSettings BackupSettingsResolver::fromPlatform(const ResolvedPlatform &platform, const QString &configFile,
                                                            const QString &directory)
{
    ResolvedBackupSettings result;
    result.diagnostics = platform.diagnostics;
    // Unknown environment, or one whose Redis cannot be trusted: nothing to back up for.
    if (platform.environment.name.isEmpty() || platform.environment.redisUrlInvalid) {
        result.error = platform.error;
        return result;
    }
    BackupSettings settings;
    settings.environment = platform.environment.name;
    settings.production = platform.environment.production;
    settings.user = qEnvironmentVariable("USER");
    if (platform.options) // without a compose file only configured targets exist
        settings.targets = BackupTargetDefaults::fromProfile(platform.options->profile, platform.options->dockerHost,
                                                             platform.options->redis);
    const QString configured = platform.environment.backupConfig;
    const QString file = !configFile.isEmpty() ? configFile
        : !configured.isEmpty()                ? configured
                                               : defaultConfigPath(settings.environment);
    Diagnostics fileDiagnostics;
    settings = BackupConfigLoader::load(file, settings, fileDiagnostics);
    result.diagnostics += fileDiagnostics;
    if (hasErrors(fileDiagnostics)) {
        result.error = QStringLiteral("fix %1 first").arg(file);
        return result;
    }
    if (!directory.isEmpty())
        settings.directory = directory;
    if (settings.directory.isEmpty())
        settings.directory = BackupConfigLoader::defaultDirectory(settings.environment);
    result.settings = settings;
    return result;
}

} // namespace e2i
