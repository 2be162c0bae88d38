#pragma once
// The backup options shared by `e2ictl backup`, `backups list` and `restore`:
// the platform flags plus --backup-config and --dir, turned into settings by
// BackupSettingsResolver (the same code the console's backups panel uses).
#include "backup/BackupSettings.h"

#include <QString>

#include <optional>

class QCommandLineParser;

namespace e2i {

class BackupSetup
{
public:
    static void addOptions(QCommandLineParser &parser);
    // Prints every diagnostic to stderr; nullopt (with *error) when backups cannot run.
    static std::optional<BackupSettings> resolve(const QCommandLineParser &parser, QString *error);
    static int failWith(const QString &reason, int code);
    // Adds a backup or restore to the environment's timeline; a failure to do
    // so is reported on stderr but never fails the command.
    static void recordEvent(const QCommandLineParser &parser, const QString &kind, const QString &subject,
                            const QString &outcome, const QString &detail);
};

} // namespace e2i
