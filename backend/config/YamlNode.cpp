#include "YamlNode.h"

#include "core/PrintableText.h"

#include <QRegularExpression>

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

// YAML 1.1's types as PyYAML resolves them (the platform's loader), which take in
// YAML 1.2's core schema.
bool YamlNode::isPlainNonString() const
{
    static const QRegularExpression typed(QStringLiteral(
        "^(?:~|null|Null|NULL"
        "|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF"
        "|[-+]?(?:0|[1-9][0-9_]*|0[0-7_]+|0x[0-9a-fA-F_]+|0o[0-7]+|0b[01_]+)"
        "|[-+]?(?:[0-9][0-9_]*(?:\\.[0-9_]*)?|\\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?"
        "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"));
    if (kind != Kind::Scalar || !plain || scalar.isEmpty())
        return kind == Kind::Null;
    return typed.match(scalar).hasMatch();
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
