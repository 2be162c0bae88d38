#include "BackupSetup.h"

#include "CtlOutput.h"
#include "session/BackupSettingsResolver.h"

#include <QCommandLineParser>

namespace e2i {

void BackupSetup::addOptions(QCommandLineParser &parser)
{
    PlatformArguments::addOptions(parser);
    parser.addOptions({
        {QStringLiteral("backup-config"), QStringLiteral("Backup targets and retention (default: the environment's backup_config in console.yml, else ~/.config/e2i-console/backup-<env>.yml)."), QStringLiteral("FILE")},
        {QStringLiteral("dir"), QStringLiteral("Backup directory (overrides the configured one)."), QStringLiteral("DIR")},
    });
}

std::optional<BackupSettings> BackupSetup::resolve(const QCommandLineParser &parser, QString *error)
{
    const ResolvedBackupSettings resolved = BackupSettingsResolver::resolve(
        PlatformArguments::fromParser(parser), parser.value(QStringLiteral("backup-config")), parser.value(QStringLiteral("dir")));
    ctl::printDiagnostics(resolved.diagnostics);
    if (!resolved.settings)
        *error = resolved.error;
    return resolved.settings;
}

int BackupSetup::failWith(const QString &reason, int code)
{
    return ctl::fail({}, reason, code);
}

} // namespace e2i
