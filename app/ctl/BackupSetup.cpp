#include "BackupSetup.h"

#include "CtlOutput.h"
#include "history/HistoryStore.h"
#include "session/BackupSettingsResolver.h"
#include "session/HistoryLocation.h"

#include <QCommandLineParser>
#include <QDateTime>

namespace e2i {

void BackupSetup::addOptions(QCommandLineParser &parser)
{
    PlatformArguments::addOptions(parser);
    parser.addOptions({
        {QStringLiteral("backup-config"), QStringLiteral("Backup targets and retention (default: the environment's backup_config in console.yml, else ~/.config/e2i-console/backup-<env>.yml)."), QStringLiteral("FILE")},
        {QStringLiteral("dir"), QStringLiteral("Backup directory (overrides the configured one)."), QStringLiteral("DIR")},
    });
    parser.addOption(HistoryLocation::option());
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

void BackupSetup::recordEvent(const QCommandLineParser &parser, const QString &kind, const QString &subject,
                              const QString &outcome, const QString &detail)
{
    const ResolvedPlatform resolved = PlatformResolver::resolve(PlatformArguments::fromParser(parser));
    if (resolved.environment.name.isEmpty())
        return;
    const QString who = qEnvironmentVariable("USER", QStringLiteral("unknown"));
    const HistoryEvent event{0, QDateTime::currentMSecsSinceEpoch(), kind, subject, {}, outcome,
                             who + QStringLiteral(" (e2ictl): ") + detail};
    QString error;
    if (!HistoryStore::appendEventTo(HistoryLocation::file(parser, resolved), event, &error))
        ctl::fail({}, QStringLiteral("not added to the timeline: ") + error, 0);
}

int BackupSetup::failWith(const QString &reason, int code)
{
    return ctl::fail({}, reason, code);
}

} // namespace e2i
