#include "YamlNode.h"

#include "core/PrintableText.h"

namespace e2i {

namespace {
// Enough to recognise a value; a binary file read as YAML is one long scalar.
constexpr qsizetype DescribedCharacters = 80;
} // namespace

const YamlNode *YamlNode::value(const QString &key) const
{
    for (const YamlEntry &entry : entries) {
        if (entry.key == key)
            return &entry.value;
    }
    return nullptr;
}

QString YamlNode::describe() const
{
    switch (kind) {
    case Kind::Scalar:
        return u'\'' + printableExcerpt(scalar, DescribedCharacters) + u'\'';
    case Kind::Sequence:
        return QStringLiteral("a list");
    case Kind::Map:
        return QStringLiteral("a map");
    case Kind::Null:
        break;
    }
    return QStringLiteral("nothing");
}

} // namespace e2i
