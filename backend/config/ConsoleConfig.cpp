#include "ConsoleConfig.h"

#include <algorithm>

namespace e2i {

qint64 MonitorSettings::pointsPerSeries() const
{
    return std::max<qint64>(1, qint64(historySeconds) * 1000 / std::max(1, sampleIntervalMs));
}

const EnvironmentConfig *ConsoleConfig::environment(const QString &name) const
{
    for (const EnvironmentConfig &candidate : environments) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

QList<AlertRule> ConsoleConfig::alertRules(const EnvironmentConfig &environment) const
{
    QList<AlertRule> rules;
    for (const AlertRule &rule : environment.alerts.value_or(alerts))
        if (rule.enabled)
            rules.append(rule);
    return rules;
}

} // namespace e2i
