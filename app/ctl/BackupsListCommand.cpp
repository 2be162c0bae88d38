#include "BackupsListCommand.h"

#include "BackupSetup.h"
#include "backup/BackupCatalog.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <algorithm>

namespace e2i {
namespace {

void printTable(const QList<BackupEntry> &entries)
{
    QTextStream out(stdout);
    out << "ID\tTARGET\tSTATUS\tSTARTED (UTC)\tSIZE\tMESSAGE\n";
    for (const BackupEntry &e : entries)
        out << e.id << '\t' << e.target << '\t' << BackupEntry::statusName(e.status) << '\t'
            << e.startedUtc.toString(Qt::ISODate) << '\t' << e.sizeBytes << '\t' << e.message << '\n';
}

} // namespace

int BackupsListCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the backup catalog, newest first."));
    parser.addHelpOption();
    BackupSetup::addOptions(parser);
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOption(json);
    parser.addPositionalArgument(QStringLiteral("list"), QStringLiteral("The only action."));
    parser.process(arguments);
    if (parser.positionalArguments() != QStringList{QStringLiteral("list")})
        return BackupSetup::failWith(QStringLiteral("usage: e2ictl backups list [--json]"), 2);

    QString error;
    const auto settings = BackupSetup::resolve(parser, &error);
    if (!settings)
        return BackupSetup::failWith(error, 2);
    BackupCatalog catalog(settings->directory);
    if (!catalog.load(&error))
        return BackupSetup::failWith(error, 2);
    QList<BackupEntry> entries = catalog.entries();
    std::stable_sort(entries.begin(), entries.end(), [](const BackupEntry &a, const BackupEntry &b) { return a.startedUtc > b.startedUtc; });
    if (!parser.isSet(json)) {
        printTable(entries);
        return 0;
    }
    QJsonArray array;
    for (const BackupEntry &entry : entries)
        array.append(entry.toJson());
    QTextStream(stdout) << QJsonDocument(array).toJson(QJsonDocument::Indented);
    return 0;
}

} // namespace e2i
