#include "PrometheusRuleFile.h"

#include "PrometheusAlertExpression.h"

#include <yaml-cpp/yaml.h>

namespace e2i {
namespace {

std::string utf8(const QString &text)
{
    return text.toStdString();
}

// The rule's text goes through Prometheus' Go templates: a "{{" the operator
// wrote is text, not an action.
AlertRule withLiteralBraces(AlertRule rule)
{
    rule.text.replace(QStringLiteral("{{"), QStringLiteral("{{ \"{{\" }}"));
    return rule;
}

void emitMap(YAML::Emitter &out, const QList<QPair<QString, QString>> &entries)
{
    out << YAML::BeginMap;
    for (const auto &[key, value] : entries)
        out << YAML::Key << utf8(key) << YAML::Value << utf8(value);
    out << YAML::EndMap;
}

void emitRule(YAML::Emitter &out, const AlertRule &rule, const PrometheusAlertExpression &alert, const QString &environment)
{
    out << YAML::BeginMap;
    out << YAML::Key << "alert" << YAML::Value << utf8(rule.name);
    out << YAML::Key << "expr" << YAML::Value << utf8(alert.expr);
    if (rule.forMs > 0)
        out << YAML::Key << "for" << YAML::Value << utf8(PrometheusRuleFile::duration(rule.forMs));
    out << YAML::Key << "labels" << YAML::Value;
    emitMap(out, {{QStringLiteral("severity"), AlertRule::severityName(rule.severity)},
                  {QStringLiteral("subject"), alert.subject},
                  {QStringLiteral("environment"), environment}});
    out << YAML::Key << "annotations" << YAML::Value;
    emitMap(out, {{QStringLiteral("summary"), withLiteralBraces(rule).render(alert.subject, alert.value)}});
    out << YAML::EndMap;
}

} // namespace

QByteArray PrometheusRuleFile::render(const QList<AlertRule> &rules, const QString &environment, double hoursPerMonth,
                                      QList<Skipped> *skipped)
{
    YAML::Emitter out;
    out << YAML::BeginMap << YAML::Key << "groups" << YAML::Value << YAML::BeginSeq;
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << utf8(groupName(environment));
    out << YAML::Key << "rules" << YAML::Value << YAML::BeginSeq;
    for (const AlertRule &rule : rules) {
        QString whyNot;
        if (const auto alert = PrometheusAlertExpression::of(rule, hoursPerMonth, &whyNot))
            emitRule(out, rule, *alert, environment);
        else
            skipped->append({rule.name, whyNot});
    }
    out << YAML::EndSeq << YAML::EndMap << YAML::EndSeq << YAML::EndMap;
    return header(environment, *skipped) + QByteArray(out.c_str(), qsizetype(out.size())) + '\n';
}

QByteArray PrometheusRuleFile::header(const QString &environment, const QList<Skipped> &skipped)
{
    QString text = QStringLiteral("# Alert rules of the E2I Ops Console for environment %1, over the metrics of\n"
                                  "# `e2ictl record --listen`. Written by `e2ictl export prometheus-rules`:\n"
                                  "# change the rules in console.yml and export again rather than editing here.\n")
                       .arg(environment);
    for (const Skipped &s : skipped)
        text += QStringLiteral("# Skipped %1: %2.\n").arg(s.rule, s.reason);
    return text.toUtf8();
}

QString PrometheusRuleFile::duration(qint64 ms)
{
    struct Unit {
        qint64 ms;
        const char *suffix;
    };
    static constexpr Unit kUnits[] = {{86'400'000, "d"}, {3'600'000, "h"}, {60'000, "m"}, {1000, "s"}, {1, "ms"}};
    if (ms <= 0)
        return QStringLiteral("0s");
    QString out;
    for (const Unit &unit : kUnits) {
        if (ms >= unit.ms) {
            out += QString::number(ms / unit.ms) + QLatin1String(unit.suffix);
            ms %= unit.ms;
        }
    }
    return out;
}

} // namespace e2i
