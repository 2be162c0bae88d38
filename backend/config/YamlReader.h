#pragma once
// Reads a YAML file into a YamlNode tree. yaml-cpp 0.7 resolves anchors and
// aliases but not merge keys, so `<<` (a map, or a list of maps where earlier
// maps win) is expanded here; explicit keys override merged ones.
//
// Hostile input is refused with one error rather than crashing the program:
// bytes PyYAML refuses (YamlCharacters), an alias that contains itself, nesting
// deeper than 256, and aliases that expand past nodeLimit() (YamlConverter).
#include "YamlNode.h"
#include "core/Diagnostic.h"

#include <QString>

#include <optional>

namespace e2i {

class YamlReader {
public:
    // nullopt when the file cannot be read or is not valid YAML; the reason is
    // appended to `diagnostics` with file, line and column.
    static std::optional<YamlNode> readFile(const QString &path, Diagnostics &diagnostics);
    static std::optional<YamlNode> readText(const QByteArray &text, const QString &fileName,
                                            Diagnostics &diagnostics);

    // How many values a document of `inputBytes` may expand to through its aliases:
    // 100 per input byte, at least 100,000 and at most 1,000,000 (~150 MB of tree).
    // Real configuration files stay far below it; a 341-byte alias bomb hits it.
    static qint64 nodeLimit(qsizetype inputBytes);
};

} // namespace e2i
