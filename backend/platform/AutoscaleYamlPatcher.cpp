#include "AutoscaleYamlPatcher.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace e2i {

namespace {

struct TextOperation {
    qsizetype offset = 0;
    qsizetype removed = 0;
    QByteArray inserted;
    int order = 0; // request order, so insertions at one offset keep it
};

// Byte offset where every (0-based) line starts; one extra entry for the end.
QList<qsizetype> lineStarts(const QByteArray &text)
{
    QList<qsizetype> starts{0};
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '\n')
            starts << i + 1;
    }
    if (starts.last() != text.size())
        starts << text.size();
    return starts;
}

qsizetype quotedEnd(const QByteArray &text, qsizetype start)
{
    const char quote = text[start];
    for (qsizetype i = start + 1; i < text.size(); ++i) {
        if (quote == '"' && text[i] == '\\') {
            ++i;
        } else if (text[i] == quote) {
            if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'')
                ++i; // '' is an escaped quote inside single quotes
            else
                return i + 1;
        }
    }
    return text.size();
}

// End of the scalar written at `start`: a quoted one ends after its closing quote;
// a plain one at the end of the line, before a comment, or (inside [..] or {..})
// before the next separator. Trailing blanks are not part of it.
qsizetype scalarEnd(const QByteArray &text, qsizetype start, bool flow)
{
    if (text[start] == '"' || text[start] == '\'')
        return quotedEnd(text, start);
    qsizetype i = start;
    while (i < text.size() && text[i] != '\n') {
        const bool comment = text[i] == '#' && i > start && (text[i - 1] == ' ' || text[i - 1] == '\t');
        const bool separator = flow && (text[i] == ',' || text[i] == ']' || text[i] == '}');
        if (comment || separator)
            break;
        ++i;
    }
    while (i > start && (text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\r'))
        --i;
    return i;
}

bool isContentLine(const QByteArray &line)
{
    const QByteArray trimmed = line.trimmed();
    return !trimmed.isEmpty() && !trimmed.startsWith('#');
}

int indentation(const QByteArray &line)
{
    int n = 0;
    while (n < line.size() && line[n] == ' ')
        ++n;
    return n;
}

class Patcher {
public:
    Patcher(const QByteArray &text, const YAML::Node &root) : m_text(text), m_root(root), m_starts(lineStarts(text)) {}

    bool place(const AutoscaleChange &change, int order, bool *added, QString *error)
    {
        m_order = order;
        if (change.tier.isEmpty())
            return replaceTopLevel(change, error);
        return placeInTier(change, added, error);
    }

    QByteArray result() const
    {
        QList<TextOperation> operations = m_operations;
        std::sort(operations.begin(), operations.end(), [](const TextOperation &a, const TextOperation &b) {
            return a.offset != b.offset ? a.offset > b.offset : a.order > b.order;
        });
        QByteArray text = m_text;
        for (const TextOperation &op : operations)
            text.replace(op.offset, op.removed, op.inserted);
        return text;
    }

private:
    qsizetype offsetOf(const YAML::Mark &mark) const { return m_starts.value(mark.line, m_text.size()) + mark.column; }

    bool replaceTopLevel(const AutoscaleChange &change, QString *error)
    {
        const YAML::Node node = m_root[change.key.toStdString()];
        if (!node.IsDefined()) {
            *error = QStringLiteral("%1: the file does not set it; add it by hand").arg(change.field());
            return false;
        }
        return replaceScalar(node, m_root.Style() == YAML::EmitterStyle::Flow, change, error);
    }

    bool replaceScalar(const YAML::Node &node, bool flow, const AutoscaleChange &change, QString *error)
    {
        if (!node.IsScalar()) {
            *error = QStringLiteral("%1: line %2 holds a list or map, not a single value").arg(change.field()).arg(node.Mark().line + 1);
            return false;
        }
        const qsizetype start = offsetOf(node.Mark());
        if (start >= m_text.size()) {
            *error = QStringLiteral("%1: cannot locate the value in the text").arg(change.field());
            return false;
        }
        m_operations << TextOperation{start, scalarEnd(m_text, start, flow) - start, change.value.toUtf8(), m_order};
        return true;
    }

    bool placeInTier(const AutoscaleChange &change, bool *added, QString *error)
    {
        const YAML::Node tiers = m_root["tiers"];
        const YAML::Node tier = tiers.IsMap() ? tiers[change.tier.toStdString()] : YAML::Node();
        if (!tier.IsDefined() || !tier.IsMap()) {
            *error = QStringLiteral("tiers.%1: no such tier map in the file").arg(change.tier);
            return false;
        }
        const bool flow = tier.Style() == YAML::EmitterStyle::Flow;
        const YAML::Node own = tier[change.key.toStdString()];
        *added = !own.IsDefined();
        if (!*added)
            return replaceScalar(own, flow, change, error);
        if (flow) {
            *error = QStringLiteral("%1: the tier is written as {...} on one line; cannot add a key to it").arg(change.field());
            return false;
        }
        return insertInTier(tiers, tier, change, error);
    }

    // The new key goes after the tier block's last content line, indented like the
    // tier's first key, so it reads as the tier's own override of the merged default.
    bool insertInTier(const YAML::Node &tiers, const YAML::Node &tier, const AutoscaleChange &change, QString *error)
    {
        std::optional<YAML::Mark> keyMark;
        for (auto it = tiers.begin(); it != tiers.end(); ++it) {
            if (it->first.as<std::string>() == change.tier.toStdString())
                keyMark = it->first.Mark();
        }
        if (!keyMark || tier.begin() == tier.end()) {
            *error = QStringLiteral("%1: cannot locate the tier's block").arg(change.field());
            return false;
        }
        const int childIndent = tier.begin()->first.Mark().column;
        int last = keyMark->line;
        for (int line = keyMark->line + 1; line + 1 < m_starts.size(); ++line) {
            const QByteArray text = m_text.mid(m_starts[line], m_starts[line + 1] - m_starts[line]);
            if (!isContentLine(text))
                continue;
            if (indentation(text) <= keyMark->column)
                break;
            last = line;
        }
        const qsizetype offset = m_starts.value(last + 1, m_text.size());
        QByteArray line = QByteArray(childIndent, ' ') + change.key.toUtf8() + ": " + change.value.toUtf8() + '\n';
        if (offset == m_text.size() && !m_text.endsWith('\n'))
            line.prepend('\n');
        m_operations << TextOperation{offset, 0, line, m_order};
        return true;
    }

    const QByteArray &m_text;
    const YAML::Node &m_root;
    QList<qsizetype> m_starts;
    int m_order = 0;
    QList<TextOperation> m_operations;
};

} // namespace

std::optional<AutoscaleYamlPatcher::Result> AutoscaleYamlPatcher::patch(const QByteArray &text,
                                                                        const QList<AutoscaleChange> &changes,
                                                                        QString *error)
{
    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception &e) {
        *error = QStringLiteral("line %1: not valid YAML: %2").arg(e.mark.line + 1).arg(QString::fromStdString(e.msg));
        return std::nullopt;
    }
    if (!root.IsMap()) {
        *error = QStringLiteral("the file is not a YAML map");
        return std::nullopt;
    }
    Patcher patcher(text, root);
    Result result;
    for (int i = 0; i < changes.size(); ++i) {
        bool added = false;
        if (!patcher.place(changes[i], i, &added, error))
            return std::nullopt;
        result.addedToTier << added;
    }
    result.text = patcher.result();
    return result;
}

} // namespace e2i
