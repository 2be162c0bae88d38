#pragma once
#include <QList>
#include <QString>

namespace e2i {

// One problem found in an input file: where it is and what is wrong with it.
// Loaders collect these instead of throwing, so the console keeps running on
// whatever could be read.
struct Diagnostic {
    enum class Severity { Warning, Error };

    Severity severity = Severity::Error;
    QString file;
    int line = 0;   // 1-based; 0 when unknown
    int column = 0; // 1-based; 0 when unknown
    QString field;  // dotted path, e.g. "services.api.deploy.resources.limits.cpus"
    QString message;

    // "file:line:column: error: field: message" (parts that are unknown are left out),
    // with control and other non-printable characters written as \xNN / \u{XXXX}.
    QString toString() const;
};

using Diagnostics = QList<Diagnostic>;

bool hasErrors(const Diagnostics &diagnostics);

} // namespace e2i
