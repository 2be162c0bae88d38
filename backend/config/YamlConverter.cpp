#include "YamlConverter.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

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

QString describe(const YAML::Node &node)
{
    return node.IsSequence() ? QStringLiteral("a list") : QStringLiteral("a map");
}

} // namespace

YamlConverter::YamlConverter(const QString &file, Diagnostics &diagnostics, qint64 nodeLimit)
    : m_file(file), m_diagnostics(diagnostics), m_nodeLimit(nodeLimit)
{
}

std::optional<YamlNode> YamlConverter::convertDocument(const YAML::Node &root)
{
    try {
        return convert(root, QString());
    } catch (const Stop &) {
        return std::nullopt;
    }
}

YamlNode YamlConverter::convert(const YAML::Node &node, const QString &field)
{
    enter(node, field);
    YamlNode result;
    result.line = oneBased(node.Mark().line);
    result.column = oneBased(node.Mark().column);
    switch (node.Type()) {
    case YAML::NodeType::Scalar:
        result.kind = YamlNode::Kind::Scalar;
        result.scalar = toQString(node.Scalar());
        result.plain = node.Tag() == "?"; // yaml-cpp: "?" plain, "!" quoted, else an explicit tag
        break;
    case YAML::NodeType::Sequence:
        convertSequence(node, field, result);
        break;
    case YAML::NodeType::Map:
        convertMap(node, field, result);
        break;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    m_path.pop_back(); // (a Stop leaves the path as it is: the converter is done then)
    return result;
}

// yaml-cpp resolves an alias to the anchored node itself, so a node already on the
// path means the document contains itself.
void YamlConverter::enter(const YAML::Node &node, const QString &field)
{
    const auto same = [&](const YAML::Node *onPath) { return onPath->is(node); };
    if (std::any_of(m_path.begin(), m_path.end(), same))
        stop(node, field, QStringLiteral("alias refers to itself (the node contains an alias or merge of itself)"));
    if (int(m_path.size()) >= MaxDepth)
        stop(node, field, QStringLiteral("nested deeper than %1 levels").arg(MaxDepth));
    if (++m_nodes > m_nodeLimit)
        stop(node, field, QStringLiteral("aliases expand the document to more than %1 values; "
                                         "refusing it (nested aliases can grow without bound)").arg(m_nodeLimit));
    m_path.push_back(&node);
}

void YamlConverter::convertSequence(const YAML::Node &node, const QString &field, YamlNode &result)
{
    result.kind = YamlNode::Kind::Sequence;
    result.items.reserve(node.size());
    for (std::size_t i = 0; i < node.size(); ++i)
        result.items.push_back(convert(node[i], field + u'[' + QString::number(i) + u']'));
}

void YamlConverter::convertMap(const YAML::Node &node, const QString &field, YamlNode &result)
{
    result.kind = YamlNode::Kind::Map;
    std::vector<YamlNode> mergeSources;
    for (auto it = node.begin(); it != node.end(); ++it) {
        QString key;
        if (!readKey(it->first, field, key))
            continue;
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

// PyYAML (the platform's loader) refuses a list or a map as a key ("unhashable
// key"), so the console does too rather than reading it as an empty string.
bool YamlConverter::readKey(const YAML::Node &key, const QString &field, QString &text)
{
    if (key.IsSequence() || key.IsMap()) {
        report(key, field, QStringLiteral("a map key must be a single value, not %1").arg(describe(key)));
        return false;
    }
    text = toQString(key.Scalar());
    return true;
}

void YamlConverter::collectMergeSources(const YAML::Node &value, const QString &field, std::vector<YamlNode> &sources)
{
    if (value.IsMap()) {
        sources.push_back(convert(value, field));
        return;
    }
    if (!value.IsSequence()) {
        report(value, field, QStringLiteral("a merge key (<<) takes a map or a list of maps"));
        return;
    }
    enter(value, field); // the list itself may be what refers back
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i].IsMap())
            sources.push_back(convert(value[i], field));
        else
            report(value[i], field, QStringLiteral("a merge key (<<) takes a map or a list of maps"));
    }
    m_path.pop_back();
}

void YamlConverter::report(const YAML::Node &at, const QString &field, const QString &message)
{
    m_diagnostics.append({Diagnostic::Severity::Error, m_file, oneBased(at.Mark().line), oneBased(at.Mark().column),
                          field, message});
}

void YamlConverter::stop(const YAML::Node &at, const QString &field, const QString &message)
{
    report(at, field, message);
    throw Stop{};
}

// Earlier sources and explicit keys win, so only keys not yet present are added.
void YamlConverter::addMissingEntries(YamlNode &target, const YamlNode &source)
{
    for (const YamlEntry &entry : source.entries) {
        if (!target.value(entry.key))
            target.entries.push_back(entry);
    }
}

} // namespace e2i
