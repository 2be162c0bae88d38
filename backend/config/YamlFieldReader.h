#pragma once
// Typed reads from a YamlNode tree. Every problem becomes a Diagnostic naming
// the file, the line, the dotted field and what is wrong; a read that fails
// returns nullopt so the caller keeps its default and goes on.
#include "YamlNode.h"
#include "core/Diagnostic.h"

#include <QHash>
#include <QStringList>

#include <optional>

namespace e2i {

class YamlFieldReader {
public:
    YamlFieldReader(QString file, Diagnostics &diagnostics);

    // Every scalar read successfully has its line stored here under its field.
    void recordLinesInto(QHash<QString, int> *lines) { m_lines = lines; }

    std::optional<QString> string(const YamlNode &node, const QString &field);
    std::optional<int> integer(const YamlNode &node, const QString &field);
    std::optional<double> number(const YamlNode &node, const QString &field);
    std::optional<bool> boolean(const YamlNode &node, const QString &field);
    // A list of scalars; `acceptScalar` also takes a single scalar as a one-item list.
    std::optional<QStringList> stringList(const YamlNode &node, const QString &field, bool acceptScalar = false);

    bool expectMap(const YamlNode &node, const QString &field);
    // Warns about every key of `map` that is not in `known` (keys starting with "x-"
    // are compose extensions and always allowed).
    void warnUnknownKeys(const YamlNode &map, const QString &field, const QStringList &known);

    void error(const YamlNode &at, const QString &field, const QString &message);
    void warning(const YamlNode &at, const QString &field, const QString &message);
    void report(Diagnostic::Severity severity, int line, int column, const QString &field, const QString &message);

    const QString &file() const { return m_file; }

private:
    bool expectScalar(const YamlNode &node, const QString &field, const QString &expected);
    void recordLine(const YamlNode &node, const QString &field);

    QString m_file;
    Diagnostics &m_diagnostics;
    QHash<QString, int> *m_lines = nullptr;
};

// "services.api" + "image" -> "services.api.image"
QString joinField(const QString &parent, const QString &key);

} // namespace e2i
