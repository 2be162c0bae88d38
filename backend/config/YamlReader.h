#pragma once
// Reads a YAML file into a YamlNode tree. yaml-cpp 0.7 resolves anchors and
// aliases but not merge keys, so `<<` (a map, or a list of maps where earlier
// maps win) is expanded here; explicit keys override merged ones.
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
};

} // namespace e2i
