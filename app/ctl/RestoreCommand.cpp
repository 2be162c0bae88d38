#include "RestoreCommand.h"

#include "BackupSetup.h"
#include "backup/BackupCatalog.h"
#include "backup/RestoreEngine.h"
#include "history/EventKinds.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace e2i {
namespace {

// The confirmation the console asks for, in flag form: --yes always, and the
// environment's name typed out for production.
std::optional<QString> missingConfirmation(const QCommandLineParser &parser, const BackupSettings &settings, const BackupEntry &entry)
{
    const QString what = QStringLiteral("restoring %1 replaces the data of target '%2' in environment '%3'")
                             .arg(entry.id, entry.target, settings.environment);
    if (!parser.isSet(QStringLiteral("yes")))
        return what + QStringLiteral(": pass --yes to confirm");
    if (settings.production && parser.value(QStringLiteral("confirm-env")) != settings.environment)
        return what + QStringLiteral(", a production environment: also pass --confirm-env %1").arg(settings.environment);
    return std::nullopt;
}

} // namespace

int RestoreCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Restore one catalog entry into its target."));
    parser.addHelpOption();
    BackupSetup::addOptions(parser);
    parser.addOptions({
        {QStringLiteral("yes"), QStringLiteral("Confirm the restore.")},
        {QStringLiteral("confirm-env"), QStringLiteral("The environment's name, required for production."), QStringLiteral("NAME")},
    });
    parser.addPositionalArgument(QStringLiteral("ENTRY"), QStringLiteral("Catalog id (see `e2ictl backups list`)."));
    parser.process(arguments);
    if (parser.positionalArguments().size() != 1)
        return BackupSetup::failWith(QStringLiteral("usage: e2ictl restore ENTRY --yes [--confirm-env NAME]"), 2);

    QString error;
    const auto settings = BackupSetup::resolve(parser, &error);
    if (!settings)
        return BackupSetup::failWith(error, 2);
    BackupCatalog catalog(settings->directory);
    if (!catalog.load(&error))
        return BackupSetup::failWith(error, 2);
    const QString id = parser.positionalArguments().first();
    const BackupEntry *entry = catalog.find(id);
    if (!entry)
        return BackupSetup::failWith(QStringLiteral("no backup '%1' in %2").arg(id, catalog.path()), 2);
    const BackupTarget *target = settings->target(entry->target);
    if (!target)
        return BackupSetup::failWith(QStringLiteral("backup %1 is of target '%2', which is not configured").arg(id, entry->target), 2);
    if (const auto missing = missingConfirmation(parser, *settings, *entry))
        return BackupSetup::failWith(*missing, 1);

    const std::atomic_bool notCancelled{false};
    const Verification result = RestoreEngine::restore(catalog, *entry, *target, notCancelled);
    BackupSetup::recordEvent(parser, EventKinds::Restore, entry->target, result.ok ? QStringLiteral("restored") : QStringLiteral("failed"),
                             entry->id + QStringLiteral(": ") + result.message);
    if (!result.ok)
        return BackupSetup::failWith(result.message, 1);
    QTextStream(stdout) << result.message << '\n';
    return 0;
}

} // namespace e2i
