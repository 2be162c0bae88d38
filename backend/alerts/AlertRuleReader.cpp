#include "AlertRuleReader.h"

#include "flow/FlowFinding.h"
#include "history/TimeArgument.h"

#include <QRegularExpression>
#include <QSet>

namespace e2i {
namespace {

const QStringList CommonKeys{QStringLiteral("name"), QStringLiteral("kind"), QStringLiteral("severity"),
                             QStringLiteral("for"), QStringLiteral("text"), QStringLiteral("subjects"),
                             QStringLiteral("enabled")};

// The parameter each kind takes (at most one), and the kinds that take none.
QString parameterOf(AlertKind kind)
{
    switch (kind) {
    case AlertKind::QueueDepth:
        return QStringLiteral("above");
    case AlertKind::QueueWait:
        return QStringLiteral("above_seconds");
    case AlertKind::CostBudget:
        return QStringLiteral("monthly_usd");
    case AlertKind::FlowFinding:
        return QStringLiteral("finding");
    case AlertKind::ServiceStatus:
        return QStringLiteral("status");
    default:
        return {};
    }
}

const QStringList ParameterKeys{QStringLiteral("above"), QStringLiteral("above_seconds"), QStringLiteral("monthly_usd"),
                                QStringLiteral("finding"), QStringLiteral("status")};

bool isRequired(AlertKind kind)
{
    return kind != AlertKind::ServiceStatus && !parameterOf(kind).isEmpty(); // status defaults to down
}

const QStringList FindingKinds{FlowFindingKinds::NoConsumer, FlowFindingKinds::Stalled,  FlowFindingKinds::Failing,
                               FlowFindingKinds::WorkerLost, FlowFindingKinds::BelowMin, FlowFindingKinds::AtMaxGrowing};

} // namespace

struct AlertRuleReader::Given {
    QSet<QString> parameters; // parameter keys the rule has values for
};

QList<AlertRule> AlertRuleReader::read(const YamlNode &node, const QString &field, QList<AlertRule> base)
{
    if (!node.isSequence()) {
        if (!node.isNull())
            m_reader.error(node, field, QStringLiteral("expected a list of rules, got %1").arg(node.describe()));
        return base;
    }
    QSet<QString> seen;
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        const YamlNode &item = node.items[i];
        const QString itemField = field + u'[' + QString::number(i) + u']';
        const auto rule = readRule(item, itemField, base);
        if (!rule)
            continue;
        if (seen.contains(rule->name)) {
            m_reader.error(*item.value(QStringLiteral("name")), joinField(itemField, QStringLiteral("name")),
                           QStringLiteral("a rule named '%1' is already in this list").arg(rule->name));
            continue;
        }
        seen.insert(rule->name);
        const auto existing = std::find_if(base.begin(), base.end(), [&](const AlertRule &r) { return r.name == rule->name; });
        if (existing != base.end())
            *existing = *rule;
        else
            base.append(*rule);
    }
    return base;
}

std::optional<AlertRule> AlertRuleReader::readRule(const YamlNode &node, const QString &field, const QList<AlertRule> &base)
{
    if (!m_reader.expectMap(node, field))
        return std::nullopt;
    QString name;
    if (!readName(node, field, &name))
        return std::nullopt;
    const auto inherited = std::find_if(base.cbegin(), base.cend(), [&](const AlertRule &r) { return r.name == name; });
    const bool isNew = inherited == base.cend();
    AlertRule rule = isNew ? AlertRule{} : *inherited;
    Given given;
    if (!isNew && !parameterOf(rule.kind).isEmpty())
        given.parameters.insert(parameterOf(rule.kind));
    if (isNew && !node.value(QStringLiteral("kind"))) {
        m_reader.error(node, joinField(field, QStringLiteral("kind")),
                       QStringLiteral("missing: one of %1").arg(AlertRule::kindNames().join(QStringLiteral(", "))));
        return std::nullopt;
    }
    bool ok = true;
    // The kind first: which parameters are allowed depends on it.
    if (const YamlNode *kind = node.value(QStringLiteral("kind"))) {
        const auto text = m_reader.string(*kind, joinField(field, QStringLiteral("kind")));
        const auto parsed = text ? AlertRule::kindFromName(*text) : std::nullopt;
        if (text && !parsed)
            m_reader.error(*kind, joinField(field, QStringLiteral("kind")),
                           QStringLiteral("unknown kind '%1'; one of %2").arg(*text, AlertRule::kindNames().join(QStringLiteral(", "))));
        if (!parsed)
            return std::nullopt;
        if (*parsed != rule.kind)
            given.parameters.clear();
        rule.kind = *parsed;
    }
    rule.name = name;
    for (const YamlEntry &entry : node.entries)
        ok = readField(entry, joinField(field, entry.key), rule, given) && ok;
    ok = ok && checkParameters(node, field, rule, given);
    return ok ? std::optional<AlertRule>(rule) : std::nullopt;
}

bool AlertRuleReader::readName(const YamlNode &node, const QString &field, QString *name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,63}$"));
    const YamlNode *value = node.value(QStringLiteral("name"));
    const QString nameField = joinField(field, QStringLiteral("name"));
    if (!value) {
        m_reader.error(node, nameField, QStringLiteral("missing: every rule needs a name"));
        return false;
    }
    const auto text = m_reader.string(*value, nameField);
    if (!text)
        return false;
    if (!pattern.match(*text).hasMatch()) {
        m_reader.error(*value, nameField,
                       QStringLiteral("'%1' is not a rule name: lower-case letters, digits, '_' and '-', at most 64").arg(*text));
        return false;
    }
    *name = *text;
    return true;
}

bool AlertRuleReader::readField(const YamlEntry &entry, const QString &field, AlertRule &rule, Given &given)
{
    const QString &key = entry.key;
    const YamlNode &value = entry.value;
    if (key == u"name" || key == u"kind")
        return true; // read before
    if (key == u"severity") {
        const auto text = m_reader.string(value, field);
        const auto severity = text ? AlertRule::severityFromName(*text) : std::nullopt;
        if (text && !severity)
            m_reader.error(value, field, QStringLiteral("unknown severity '%1'; warning or critical").arg(*text));
        if (severity)
            rule.severity = *severity;
        return severity.has_value();
    }
    if (key == u"for") {
        const auto ms = readFor(value, field);
        if (ms)
            rule.forMs = *ms;
        return ms.has_value();
    }
    if (key == u"text") {
        const auto text = m_reader.string(value, field);
        if (text)
            rule.text = *text;
        return text.has_value();
    }
    if (key == u"subjects") {
        const auto list = m_reader.stringList(value, field, true);
        if (list)
            rule.subjects = *list;
        return list.has_value();
    }
    if (key == u"enabled") {
        const auto enabled = m_reader.boolean(value, field);
        if (enabled)
            rule.enabled = *enabled;
        return enabled.has_value();
    }
    if (!ParameterKeys.contains(key)) {
        m_reader.report(Diagnostic::Severity::Error, entry.line, entry.column, field,
                        QStringLiteral("unknown field '%1'; a rule takes %2 and its kind's parameter")
                            .arg(key, CommonKeys.join(QStringLiteral(", "))));
        return false;
    }
    if (key != parameterOf(rule.kind)) {
        m_reader.report(Diagnostic::Severity::Error, entry.line, entry.column, field,
                        QStringLiteral("'%1' is not a parameter of kind %2").arg(key, AlertRule::kindName(rule.kind)));
        return false;
    }
    if (key == u"finding" || key == u"status") {
        const auto text = m_reader.string(value, field);
        const QStringList allowed = key == u"finding" ? FindingKinds : QStringList{QStringLiteral("down"), QStringLiteral("degraded")};
        if (text && !allowed.contains(*text))
            m_reader.error(value, field, QStringLiteral("unknown %1 '%2'; one of %3").arg(key, *text, allowed.join(QStringLiteral(", "))));
        if (!text || !allowed.contains(*text))
            return false;
        if (key == u"finding")
            rule.finding = *text;
        else
            rule.degradedCounts = *text == u"degraded";
        given.parameters.insert(key);
        return true;
    }
    const auto number = readNonNegative(value, field);
    if (number) {
        rule.threshold = *number;
        given.parameters.insert(key);
    }
    return number.has_value();
}

// "10m", "90s", "0", or a number of seconds.
std::optional<qint64> AlertRuleReader::readFor(const YamlNode &node, const QString &field)
{
    const auto text = m_reader.string(node, field);
    if (!text)
        return std::nullopt;
    const QString trimmed = text->trimmed();
    if (trimmed.startsWith(u'-')) {
        m_reader.error(node, field, QStringLiteral("must not be negative, got '%1'").arg(trimmed));
        return std::nullopt;
    }
    bool isNumber = false;
    const double seconds = trimmed.toDouble(&isNumber);
    if (isNumber)
        return qint64(seconds * 1000.0);
    QString error;
    const auto ms = TimeArgument::parseDuration(trimmed, &error);
    if (!ms)
        m_reader.error(node, field, error);
    return ms;
}

std::optional<double> AlertRuleReader::readNonNegative(const YamlNode &node, const QString &field)
{
    const auto value = m_reader.number(node, field);
    if (value && *value < 0) {
        m_reader.error(node, field, QStringLiteral("must not be negative, got %1").arg(*value));
        return std::nullopt;
    }
    return value;
}

bool AlertRuleReader::checkParameters(const YamlNode &node, const QString &field, const AlertRule &rule, const Given &given)
{
    const QString parameter = parameterOf(rule.kind);
    if (!isRequired(rule.kind) || given.parameters.contains(parameter))
        return true;
    m_reader.error(node, joinField(field, parameter),
                   QStringLiteral("missing: kind %1 needs '%2'").arg(AlertRule::kindName(rule.kind), parameter));
    return false;
}

} // namespace e2i
