#pragma once
#include <QString>

namespace e2i {

// Where an environment's history lives by default:
// $XDG_STATE_HOME/e2i-console/history/<environment>.sqlite (~/.local/state when unset).
class HistoryPaths
{
public:
    static QString defaultFile(const QString &environment);
    static QString lockFile(const QString &historyFile) { return historyFile + QStringLiteral(".lock"); }
};

} // namespace e2i
