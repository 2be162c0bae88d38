#include "YamlFieldReader.h"

namespace e2i {

namespace {
const QStringList TrueWords{QStringLiteral("true"), QStringLiteral("yes"), QStringLiteral("on")};
const QStringList FalseWords{QStringLiteral("false"), QStringLiteral("no"), QStringLiteral("off")};
// QString's number parsing stops at a NUL ("1\0junk" reads as 1), and YAML's "\0"
// escape can put one in any quoted value.
bool hasNul(const QString &text)
{
    return text.contains(QChar(QChar::Null));
}

} // namespace

QString joinField(const QString &parent, const QString &key)
{
    return parent.isEmpty() ? key : parent + u'.' + key;
}

YamlFieldReader::YamlFieldReader(QString file, Diagnostics &diagnostics)
    : m_file(std::move(file)), m_diagnostics(diagnostics)
{
}

std::optional<QString> YamlFieldReader::string(const YamlNode &node, const QString &field)
{
    if (!expectScalar(node, field, QStringLiteral("a string")))
        return std::nullopt;
    recordLine(node, field);
    return node.scalar;
}

std::optional<int> YamlFieldReader::integer(const YamlNode &node, const QString &field)
{
    if (!expectScalar(node, field, QStringLiteral("an integer")))
        return std::nullopt;
    bool ok = false;
    const int value = node.scalar.trimmed().toInt(&ok);
    if (!ok || hasNul(node.scalar)) {
        error(node, field, QStringLiteral("expected an integer, got %1").arg(node.describe()));
        return std::nullopt;
    }
    recordLine(node, field);
    return value;
}

std::optional<double> YamlFieldReader::number(const YamlNode &node, const QString &field)
{
    if (!expectScalar(node, field, QStringLiteral("a number")))
        return std::nullopt;
    bool ok = false;
    const double value = node.scalar.trimmed().toDouble(&ok);
    if (!ok || hasNul(node.scalar)) {
        error(node, field, QStringLiteral("expected a number, got %1").arg(node.describe()));
        return std::nullopt;
    }
    recordLine(node, field);
    return value;
}

std::optional<bool> YamlFieldReader::boolean(const YamlNode &node, const QString &field)
{
    if (!expectScalar(node, field, QStringLiteral("true or false")))
        return std::nullopt;
    const QString word = node.scalar.trimmed().toLower();
    if (!TrueWords.contains(word) && !FalseWords.contains(word)) {
        error(node, field, QStringLiteral("expected true or false, got %1").arg(node.describe()));
        return std::nullopt;
    }
    recordLine(node, field);
    return TrueWords.contains(word);
}

std::optional<QStringList> YamlFieldReader::stringList(const YamlNode &node, const QString &field, bool acceptScalar)
{
    if (acceptScalar && node.isScalar()) {
        recordLine(node, field);
        return QStringList{node.scalar};
    }
    if (!node.isSequence()) {
        error(node, field, QStringLiteral("expected a list, got %1").arg(node.describe()));
        return std::nullopt;
    }
    QStringList values;
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        const QString itemField = field + u'[' + QString::number(i) + u']';
        if (const auto value = string(node.items[i], itemField))
            values.append(*value);
    }
    recordLine(node, field);
    return values;
}

bool YamlFieldReader::expectMap(const YamlNode &node, const QString &field)
{
    if (node.isMap())
        return true;
    error(node, field, QStringLiteral("expected a map, got %1").arg(node.describe()));
    return false;
}

void YamlFieldReader::warnUnknownKeys(const YamlNode &map, const QString &field, const QStringList &known)
{
    for (const YamlEntry &entry : map.entries) {
        if (known.contains(entry.key) || entry.key.startsWith(QStringLiteral("x-")))
            continue;
        report(Diagnostic::Severity::Warning, entry.line, entry.column, joinField(field, entry.key),
               QStringLiteral("unknown key, ignored"));
    }
}

void YamlFieldReader::error(const YamlNode &at, const QString &field, const QString &message)
{
    report(Diagnostic::Severity::Error, at.line, at.column, field, message);
}

void YamlFieldReader::warning(const YamlNode &at, const QString &field, const QString &message)
{
    report(Diagnostic::Severity::Warning, at.line, at.column, field, message);
}

void YamlFieldReader::report(Diagnostic::Severity severity, int line, int column, const QString &field,
                             const QString &message)
{
    m_diagnostics.append({severity, m_file, line, column, field, message});
}

bool YamlFieldReader::expectScalar(const YamlNode &node, const QString &field, const QString &expected)
{
    if (node.isScalar())
        return true;
    error(node, field, QStringLiteral("expected %1, got %2").arg(expected, node.describe()));
    return false;
}

void YamlFieldReader::recordLine(const YamlNode &node, const QString &field)
{
    if (m_lines)
        m_lines->insert(field, node.line);
}

} // namespace e2i
