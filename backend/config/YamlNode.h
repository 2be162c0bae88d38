#pragma once
// A YAML document as plain Qt values, with positions. Built by YamlReader with
// merge keys (<<) already expanded, so loaders never see yaml-cpp types and an
// aliased node is a copy that can be changed safely.
#include <QString>

#include <vector>

namespace e2i {

struct YamlEntry;

struct YamlNode {
    enum class Kind { Null, Scalar, Sequence, Map };

    Kind kind = Kind::Null;
    QString scalar;
    bool plain = false; // a scalar written without quotes or tag (so 42, true, ~ are typed)
    int line = 0;   // 1-based; 0 when unknown
    int column = 0; // 1-based
    std::vector<YamlNode> items;    // Sequence
    std::vector<YamlEntry> entries; // Map, in file order (merged keys after explicit ones)

    bool isNull() const { return kind == Kind::Null; }
    bool isScalar() const { return kind == Kind::Scalar; }
    bool isSequence() const { return kind == Kind::Sequence; }
    bool isMap() const { return kind == Kind::Map; }

    // The value of `key` in a map, or nullptr.
    const YamlNode *value(const QString &key) const;
    // A plain scalar YAML reads as a number, boolean or null (42, 1.5, true, yes, ~),
    // not as text: where only text makes sense, such a value is a mistake.
    bool isPlainNonString() const;
    // A short description for messages: the scalar in quotes (non-printable characters
    // escaped, cut after 80 characters), or "a list"/"a map"/"nothing".
    QString describe() const;
};

struct YamlEntry {
    QString key;
    int line = 0; // where the key is written
    int column = 0;
    YamlNode value;
};

} // namespace e2i
