#pragma once
// The backup settings shared by `e2ictl backup`, `backups list` and `restore`:
// the environment from console.yml (name, production flag), targets derived
// from its compose file, then backup.yml (--backup-config, default
// ~/.config/e2i-console/backup-<env>.yml) and --dir on top.
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
};

} // namespace e2i
