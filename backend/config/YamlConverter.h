#pragma once
// Turns a parsed yaml-cpp document into a YamlNode tree for YamlReader. yaml-cpp
// shares an aliased node; the tree copies it, so a hostile file is bounded here:
//  - an alias or merge (<<) that refers to a node containing it (`x: &r [1, *r]`)
//    would be copied forever: every node on the current path is remembered and
//    meeting one again stops the conversion;
//  - nesting deeper than MaxDepth stops it (and keeps the stack small);
//  - more than `nodeLimit` values in all stops it: a few hundred bytes of nested
//    aliases ("billion laughs") would otherwise expand to gigabytes.
// Each stop is one error naming file, line, column and field; the result is then
// nullopt. yaml-cpp 0.7 does not expand merge keys, so they are expanded here.
#include "YamlNode.h"
#include "core/Diagnostic.h"

#include <optional>
#include <vector>

namespace YAML {
class Node;
}

namespace e2i {

class YamlConverter {
public:
    static constexpr int MaxDepth = 256;

    YamlConverter(const QString &file, Diagnostics &diagnostics, qint64 nodeLimit);

    std::optional<YamlNode> convertDocument(const YAML::Node &root);

private:
    struct Stop {}; // thrown once the reason is reported; ends the whole conversion

    YamlNode convert(const YAML::Node &node, const QString &field);
    void enter(const YAML::Node &node, const QString &field);
    void convertSequence(const YAML::Node &node, const QString &field, YamlNode &result);
    void convertMap(const YAML::Node &node, const QString &field, YamlNode &result);
    bool readKey(const YAML::Node &key, const QString &field, QString &text);
    void collectMergeSources(const YAML::Node &value, const QString &field, std::vector<YamlNode> &sources);
    void report(const YAML::Node &at, const QString &field, const QString &message);
    [[noreturn]] void stop(const YAML::Node &at, const QString &field, const QString &message);
    static void addMissingEntries(YamlNode &target, const YamlNode &source);

    QString m_file;
    Diagnostics &m_diagnostics;
    qint64 m_nodeLimit;
    qint64 m_nodes = 0;
    std::vector<const YAML::Node *> m_path; // the nodes being converted, outermost first
};

} // namespace e2i
