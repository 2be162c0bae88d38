#pragma once
// The backup settings of one environment, as `e2ictl backup`, `backups list`,
// `restore` and the console's backups panel all see them: the environment from
// console.yml (name, production flag), targets derived from its compose file,
// then backup.yml (the environment's backup_config, default
// ~/.config/e2i-console/backup-<env>.yml) and an
// explicit backup directory on top. Reads files: call it off the GUI thread,
// or before the window exists.
#include "PlatformResolver.h"
#include "backup/BackupSettings.h"
#include "core/Diagnostic.h"

#include <optional>

namespace e2i {

struct ResolvedBackupSettings {
    std::optional<BackupSettings> settings; // empty when backups cannot run
    Diagnostics diagnostics;                // from every file read, for the user to see
    QString error;                          // one line, when settings is empty
};

class BackupSettingsResolver
{
public:
    // `configFile` empty: the environment's backup_config in console.yml, else
    // defaultConfigPath(); `directory` empty: the configured one, else
    // BackupConfigLoader::defaultDirectory().
    static ResolvedBackupSettings resolve(const PlatformArguments &platform, const QString &configFile,
                                          const QString &directory);
    // For a caller that has resolved the platform already (the console).
    static ResolvedBackupSettings fromPlatform(const ResolvedPlatform &platform, const QString &configFile,
                                               const QString &directory);
    static QString defaultConfigPath(const QString &environment);
};

} // namespace e2i
