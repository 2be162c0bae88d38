#pragma once
// The variables Compose interpolates a compose file with, and the profiles it
// starts: the shell environment over the `.env` beside the compose file (or
// over the --env-file files, which replace it), then COMPOSE_PROFILES or the
// --profile flags, which replace it.
#include "core/Diagnostic.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace e2i {

struct ComposeEnvironmentOptions {
    QHash<QString, QString> shell; // the process environment
    QStringList envFiles;          // --env-file / console.yml env_file; empty = <compose dir>/.env if it exists
    QStringList profiles;          // --profile flags; empty = COMPOSE_PROFILES
};

struct ComposeEnvironment {
    QHash<QString, QString> variables;
    QStringList envFilesRead;   // the files actually read, in order
    QStringList activeProfiles; // "*" activates every profile

    static ComposeEnvironment resolve(const QString &composeFile, const ComposeEnvironmentOptions &options,
                                      Diagnostics &diagnostics);
    bool isActive(const QStringList &serviceProfiles) const;
};

} // namespace e2i
