#include "YamlReader.h"

#include <QFile>

#include <yaml-cpp/yaml.h>

namespace e2i {

namespace {

const QString MergeKey = QStringLiteral("<<");

QString toQString(const std::string &text)
{
    return QString::fromStdString(text);
}

// yaml-cpp marks are 0-based, and -1 when unknown.
int oneBased(int position)
{
    return position < 0 ? 0 : position + 1;
}

class Converter {
public:
    Converter(const QString &file, Diagnostics &diagnostics) : m_file(file), m_diagnostics(diagnostics) {}

    YamlNode convert(const YAML::Node &node, const QString &field)
    {
        YamlNode result;
        result.line = oneBased(node.Mark().line);
        result.column = oneBased(node.Mark().column);
        switch (node.Type()) {
        case YAML::NodeType::Scalar:
            result.kind = YamlNode::Kind::Scalar;
            result.scalar = toQString(node.Scalar());
            break;
        case YAML::NodeType::Sequence:
            result.kind = YamlNode::Kind::Sequence;
            for (std::size_t i = 0; i < node.size(); ++i)
                result.items.push_back(convert(node[i], field + u'[' + QString::number(i) + u']'));
            break;
        case YAML::NodeType::Map:
            convertMap(node, field, result);
            break;
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            break;
        }
        return result;
    }

private:
    void convertMap(const YAML::Node &node, const QString &field, YamlNode &result)
    {
        result.kind = YamlNode::Kind::Map;
        std::vector<YamlNode> mergeSources;
        for (auto it = node.begin(); it != node.end(); ++it) {
            const QString key = toQString(it->first.Scalar());
            const QString childField = field.isEmpty() ? key : field + u'.' + key;
            if (key == MergeKey) {
                collectMergeSources(it->second, childField, mergeSources);
                continue;
            }
            result.entries.push_back({key, oneBased(it->first.Mark().line), oneBased(it->first.Mark().column),
                                      convert(it->second, childField)});
        }
        for (const YamlNode &source : mergeSources)
            addMissingEntries(result, source);
    }

    void collectMergeSources(const YAML::Node &value, const QString &field, std::vector<YamlNode> &sources)
    {
        if (value.IsMap()) {
            sources.push_back(convert(value, field));
            return;
        }
        if (!value.IsSequence()) {
            reportBadMerge(value, field);
            return;
        }
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (value[i].IsMap())
                sources.push_back(convert(value[i], field));
            else
                reportBadMerge(value[i], field);
        }
    }

    void reportBadMerge(const YAML::Node &value, const QString &field)
    {
        m_diagnostics.append({Diagnostic::Severity::Error, m_file, oneBased(value.Mark().line),
                              oneBased(value.Mark().column), field,
                              QStringLiteral("a merge key (<<) takes a map or a list of maps")});
    }

    // Earlier sources and explicit keys win, so only keys not yet present are added.
    static void addMissingEntries(YamlNode &target, const YamlNode &source)
    {
        for (const YamlEntry &entry : source.entries) {
            if (!target.value(entry.key))
                target.entries.push_back(entry);
        }
    }

    QString m_file;
    Diagnostics &m_diagnostics;
};

} // namespace

std::optional<YamlNode> YamlReader::readFile(const QString &path, Diagnostics &diagnostics)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        diagnostics.append({Diagnostic::Severity::Error, path, 0, 0, QString(),
                            QStringLiteral("cannot read the file: %1").arg(file.errorString())});
        return std::nullopt;
    }
    return readText(file.readAll(), path, diagnostics);
}

std::optional<YamlNode> YamlReader::readText(const QByteArray &text, const QString &fileName,
                                             Diagnostics &diagnostics)
{
    try {
        const YAML::Node root = YAML::Load(text.toStdString());
        return Converter(fileName, diagnostics).convert(root, QString());
    } catch (const YAML::Exception &error) {
        diagnostics.append({Diagnostic::Severity::Error, fileName, oneBased(error.mark.line),
                            oneBased(error.mark.column), QString(),
                            QStringLiteral("invalid YAML: %1").arg(toQString(error.msg))});
        return std::nullopt;
    }
}

} // namespace e2i
