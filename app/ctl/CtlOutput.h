#pragma once
// What every e2ictl command prints on stderr: diagnostics from the files it
// read, and a one-line reason before a non-zero exit.
#include "core/Diagnostic.h"

namespace e2i::ctl {

void printDiagnostics(const Diagnostics &diagnostics);
// Prints "e2ictl[ COMMAND]: reason" and returns `code`, for `return fail(...)`.
int fail(const QString &command, const QString &reason, int code);

} // namespace e2i::ctl
