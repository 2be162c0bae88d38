#include "CtlOutput.h"
#include "BackupSetup.h"

#include "backup/BackupConfigLoader.h"
#include "backup/BackupTargetDefaults.h"
#include "session/PlatformResolver.h"

#include <QCommandLineParser>
#include <QStandardPaths>
#include <QTextStream>

namespace e2i {
namespace {

using ctl::printDiagnostics;

QString defaultConfigPath(const QString &environment)
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/e2i-console/backup-%1.yml").arg(environment);
}

} // namespace

void BackupSetup::addOptions(QCommandLineParser &parser)
{
    PlatformArguments::addOptions(parser);
    parser.addOptions({
        {QStringLiteral("backup-config"), QStringLiteral("Backup targets and retention (default: ~/.config/e2i-console/backup-<env>.yml)."), QStringLiteral("FILE")},
        {QStringLiteral("dir"), QStringLiteral("Backup directory (overrides the configured one)."), QStringLiteral("DIR")},
    });
}

std::optional<BackupSettings> BackupSetup::resolve(const QCommandLineParser &parser, QString *error)
{
    const PlatformArguments arguments = PlatformArguments::fromParser(parser);
    const ResolvedPlatform platform = PlatformResolver::resolve(arguments);
    printDiagnostics(platform.diagnostics);
    if (platform.environment.name.isEmpty()) { // unknown --env: nothing to back up for
        *error = platform.error;
        return std::nullopt;
    }
    BackupSettings settings;
    settings.environment = platform.environment.name;
    settings.production = platform.environment.production;
    settings.user = qEnvironmentVariable("USER");
    if (platform.options) // without a compose file only configured targets exist
        settings.targets = BackupTargetDefaults::fromProfile(platform.options->profile, platform.options->dockerHost, platform.options->redis);
    const QString configFile = parser.isSet(QStringLiteral("backup-config")) ? parser.value(QStringLiteral("backup-config"))
                                                                             : defaultConfigPath(settings.environment);
    Diagnostics diagnostics;
    settings = BackupConfigLoader::load(configFile, settings, diagnostics);
    printDiagnostics(diagnostics);
    if (hasErrors(diagnostics)) {
        *error = QStringLiteral("fix %1 first").arg(configFile);
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("dir")))
        settings.directory = parser.value(QStringLiteral("dir"));
    if (settings.directory.isEmpty())
        settings.directory = BackupConfigLoader::defaultDirectory(settings.environment);
    return settings;
}

int BackupSetup::failWith(const QString &reason, int code)
{
    return ctl::fail({}, reason, code);
}

} // namespace e2i
