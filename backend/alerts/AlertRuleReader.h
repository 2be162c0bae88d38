#pragma once
// Reads `alerts:` lists of console.yml into AlertRules. A list applies over a
// base (the shipped defaults, or the top-level list for an environment): an
// entry whose name is in the base changes that rule, only in the fields it
// gives (`enabled: false` turns it off); a new name adds a rule.
//
// A rule with a mistake (missing or repeated name, unknown kind, field or
// severity, negative `for`, a parameter its kind does not take or lacks) is
// refused with an error naming file, line and field; the other rules stay.
#include "AlertRule.h"
#include "config/YamlFieldReader.h"

#include <QList>

namespace e2i {

class AlertRuleReader
{
public:
    explicit AlertRuleReader(YamlFieldReader &reader) : m_reader(reader) {}

    QList<AlertRule> read(const YamlNode &node, const QString &field, QList<AlertRule> base);

private:
    struct Given; // which parameters a rule has, from the entry or its base
    std::optional<AlertRule> readRule(const YamlNode &node, const QString &field, const QList<AlertRule> &base);
    bool readField(const YamlEntry &entry, const QString &field, AlertRule &rule, Given &given);
    bool readName(const YamlNode &node, const QString &field, QString *name);
    std::optional<qint64> readFor(const YamlNode &node, const QString &field);
    std::optional<double> readNonNegative(const YamlNode &node, const QString &field);
    bool checkParameters(const YamlNode &node, const QString &field, const AlertRule &rule, const Given &given);

    YamlFieldReader &m_reader;
};

} // namespace e2i
