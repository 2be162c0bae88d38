#include "Diagnostic.h"

#include "PrintableText.h"

#include <algorithm>

namespace e2i {

// Every part can quote the input (a file name, a key, a value), so each is made
// printable before it reaches a terminal.
QString Diagnostic::toString() const
{
    QString where = printableText(file);
    if (line > 0) {
        where += u':' + QString::number(line);
        if (column > 0)
            where += u':' + QString::number(column);
    }
    const QString kind = severity == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
    QString text = where.isEmpty() ? kind : where + QStringLiteral(": ") + kind;
    if (!field.isEmpty())
        text += QStringLiteral(": ") + printableText(field);
    return text + QStringLiteral(": ") + printableText(message);
}

bool hasErrors(const Diagnostics &diagnostics)
{
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic &d) { return d.severity == Diagnostic::Severity::Error; });
}

} // namespace e2i
