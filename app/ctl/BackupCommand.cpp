#include "BackupCommand.h"

#include "BackupSetup.h"
#include "backup/BackupRunner.h"
#include "history/EventKinds.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace e2i {

int BackupCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Back up platform targets, verify them and record them in the catalog."));
    parser.addHelpOption();
    BackupSetup::addOptions(parser);
    parser.addPositionalArgument(QStringLiteral("TARGET"), QStringLiteral("Targets to back up (default: all)."), QStringLiteral("[TARGET...]"));
    parser.process(arguments);

    QString error;
    const auto settings = BackupSetup::resolve(parser, &error);
    if (!settings)
        return BackupSetup::failWith(error, 2);
    if (settings->targets.isEmpty())
        return BackupSetup::failWith(QStringLiteral("no backup targets: pass --compose or configure targets in --backup-config"), 2);

    // The CLI has no event loop to keep free, so the runner works on this thread.
    BackupRunner runner(*settings);
    QTextStream out(stdout);
    int failures = 0;
    QObject::connect(&runner, &BackupRunner::finished, &runner, [&](const BackupEntry &entry) {
        out << entry.target << ": verified " << entry.sizeBytes << " bytes as " << entry.id << " (" << entry.message << ")\n";
        out.flush();
        BackupSetup::recordEvent(parser, EventKinds::Backup, entry.target, QStringLiteral("verified"),
                                 QStringLiteral("%1, %2 bytes").arg(entry.id).arg(entry.sizeBytes));
    });
    QObject::connect(&runner, &BackupRunner::failed, &runner, [&](const QString &target, const QString &message) {
        ++failures;
        out << target << ": FAILED: " << message << '\n';
        out.flush();
        BackupSetup::recordEvent(parser, EventKinds::Backup, target, QStringLiteral("failed"), message);
    });
    runner.run(parser.positionalArguments());
    out << "catalog: " << settings->directory << '\n';
    return failures ? 1 : 0;
}

} // namespace e2i
