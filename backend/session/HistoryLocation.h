#pragma once
// Which history file a command uses: `--history FILE`, else the environment's
// `history_file:` in console.yml, else HistoryPaths::defaultFile(environment).
#include "PlatformResolver.h"

#include <QCommandLineOption>

class QCommandLineParser;

namespace e2i {

class HistoryLocation
{
public:
    static QCommandLineOption option();
    static QString file(const QCommandLineParser &parser, const ResolvedPlatform &resolved);
};

} // namespace e2i
