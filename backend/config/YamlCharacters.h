#pragma once
// The characters a YAML file may hold, checked before parsing. The platform's
// autoscaler reads its files with PyYAML, which refuses invalid UTF-8 and any
// character outside YAML 1.1's printable set:
//   #x9 #xA #xD #x20-#x7E #x85 #xA0-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF
// yaml-cpp takes all of them, so without this check the console would accept a
// file (a NUL, a latin-1 key) the platform rejects whole. Escapes such as "\0"
// inside double quotes are YAML syntax, not raw characters, and stay allowed.
#include <QByteArray>
#include <QString>

#include <optional>

namespace e2i {

struct YamlCharacterProblem {
    int line = 0;   // 1-based
    int column = 0; // 1-based, in characters
    QString message;
};

class YamlCharacters {
public:
    // The first byte sequence that is not valid UTF-8 or not an allowed character.
    static std::optional<YamlCharacterProblem> firstProblem(const QByteArray &text);
    static bool isAllowed(char32_t character);
};

} // namespace e2i
