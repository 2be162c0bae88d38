#include "HistoryPaths.h"

#include <QDir>
#include <QRegularExpression>

namespace e2i {

QString HistoryPaths::defaultFile(const QString &environment)
{
    // Qt 6.4 has no StateLocation; the XDG base directory spec by hand, as the logs do.
    QString state = qEnvironmentVariable("XDG_STATE_HOME");
    if (state.isEmpty())
        state = QDir::homePath() + QStringLiteral("/.local/state");
    // An environment name is the user's text: keep it from escaping the directory.
    QString name = environment;
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    if (name.isEmpty() || name.startsWith(u'.'))
        name.prepend(u'_');
    return state + QStringLiteral("/e2i-console/history/") + name + QStringLiteral(".sqlite");
}

} // namespace e2i
