#pragma once
// Text quoted from an input file ends up on a terminal, in a log or in a tooltip.
// A NUL, an escape sequence or a bidi override in it must not act there (or cut the
// message short), so such characters are written out instead: \xNN below U+0100,
// \u{XXXX} above. Printable text, including non-ASCII letters, is kept as it is.
// The result is printable, so applying it twice changes nothing.
#include <QString>

namespace e2i {

QString printableText(const QString &text);

// printableText() cut to `maxCharacters` (a binary file read as YAML is one long
// scalar); "..." marks the cut.
QString printableExcerpt(const QString &text, qsizetype maxCharacters);

} // namespace e2i
