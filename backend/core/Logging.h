#pragma once
// Logging for the console and e2ictl: a rotating file in the XDG state dir
// ($XDG_STATE_HOME/e2i-console/logs) and stderr. Every message passes through
// redact(): URL passwords and every registered secret are masked, so a
// password can never reach a log.
#include <QString>

namespace e2i::log {

enum class Level { Debug, Info, Warning, Error, Off };

// Call once at start-up. `stderrLevel` filters what reaches the terminal.
void init(const QString &application, Level stderrLevel = Level::Warning);
QString logDirectory();

void addSecret(const QString &secret);
QString redact(const QString &text);

void debug(const QString &message);
void info(const QString &message);
void warn(const QString &message);
void error(const QString &message);

} // namespace e2i::log
