#pragma once
// Reads a Compose `.env` file the way Compose v2 does: KEY=VALUE lines, an
// optional `export ` prefix, `#` comments (inline only after whitespace in an
// unquoted value), 'single quotes' taken literally, "double quotes" with
// escapes and line breaks, and ${VAR} interpolation inside unquoted and
// double-quoted values. A bare KEY takes its value from the environment.
#include "core/Diagnostic.h"

#include <QHash>
#include <QString>

namespace e2i {

class DotEnvParser {
public:
    // Variables of `text` (read from `file`, named in diagnostics). Interpolation
    // looks a name up in `environment` first, then in the keys defined above it,
    // as Compose does, so the shell wins there too.
    static QHash<QString, QString> parse(const QString &text, const QString &file,
                                         const QHash<QString, QString> &environment, Diagnostics &diagnostics);
    // Reads `file`; a file that cannot be read is an error in `diagnostics`.
    static QHash<QString, QString> read(const QString &file, const QHash<QString, QString> &environment,
                                        Diagnostics &diagnostics);
};

} // namespace e2i
