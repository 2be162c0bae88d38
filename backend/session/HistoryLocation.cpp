#include "HistoryLocation.h"

#include "history/HistoryPaths.h"

#include <QCommandLineParser>

namespace e2i {

QCommandLineOption HistoryLocation::option()
{
    return QCommandLineOption(QStringLiteral("history"),
                              QStringLiteral("The history database (default: the environment's history_file, else "
                                             "$XDG_STATE_HOME/e2i-console/history/ENV.sqlite)."),
                              QStringLiteral("FILE"));
}

QString HistoryLocation::file(const QCommandLineParser &parser, const ResolvedPlatform &resolved)
{
    const QString flag = parser.value(option());
    if (!flag.isEmpty())
        return flag;
    if (!resolved.environment.historyFile.isEmpty())
        return resolved.environment.historyFile;
    const QString env = resolved.environment.name.isEmpty() ? QStringLiteral("local") : resolved.environment.name;
    return HistoryPaths::defaultFile(env);
}

} // namespace e2i
