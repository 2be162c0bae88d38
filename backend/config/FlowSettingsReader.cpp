#include "FlowSettingsReader.h"

namespace e2i {
namespace {

struct IntegerKey {
    QString key;
    int minimum;
    int maximum;
    int FlowSettings::*target;
};

// The memory bounds are bounded too: a typo must not let TaskFlow grow without limit.
const IntegerKey IntegerKeys[] = {
    {QStringLiteral("stall_seconds"), 5, 3600, &FlowSettings::stallSeconds},
    {QStringLiteral("failing_min_tasks"), 1, 100'000, &FlowSettings::failingMinTasks},
    {QStringLiteral("failing_window_minutes"), 1, 60, &FlowSettings::failingWindowMinutes},
    {QStringLiteral("lost_worker_forget_seconds"), 10, 86'400, &FlowSettings::lostWorkerForgetSeconds},
    {QStringLiteral("consumer_reply_timeout_ms"), 100, 10'000, &FlowSettings::consumerReplyTimeoutMs},
    {QStringLiteral("args_max_chars"), 10, 10'000, &FlowSettings::argsMaxChars},
    {QStringLiteral("max_tracked_tasks"), 100, 1'000'000, &FlowSettings::maxTrackedTasks},
    {QStringLiteral("max_failures"), 1, 10'000, &FlowSettings::maxFailures},
    {QStringLiteral("max_task_keys"), 1, 10'000, &FlowSettings::maxTaskKeys},
    {QStringLiteral("slowest_running"), 1, 1000, &FlowSettings::slowestRunning},
    {QStringLiteral("traceback_max_chars"), 200, 100'000, &FlowSettings::tracebackMaxChars},
};

const QString FailingRateKey = QStringLiteral("failing_rate");
const QString GrowthWindowKey = QStringLiteral("growth_window_seconds");
const QString ShowArgsKey = QStringLiteral("show_task_args");

QStringList knownKeys()
{
    QStringList keys{FailingRateKey, GrowthWindowKey, ShowArgsKey};
    for (const IntegerKey &k : IntegerKeys)
        keys.append(k.key);
    return keys;
}

} // namespace

FlowSettings FlowSettingsReader::read(const YamlNode &node, const QString &field, FlowSettings base)
{
    if (!m_reader.expectMap(node, field))
        return base;
    m_reader.warnUnknownKeys(node, field, knownKeys());
    readIntegers(node, field, base);
    readFailingRate(node, field, base);
    readGrowthWindow(node, field, base);
    if (const YamlNode *show = node.value(ShowArgsKey))
        base.showTaskArgs = m_reader.boolean(*show, joinField(field, ShowArgsKey)).value_or(base.showTaskArgs);
    return base;
}

void FlowSettingsReader::readIntegers(const YamlNode &node, const QString &field, FlowSettings &settings)
{
    for (const IntegerKey &k : IntegerKeys) {
        if (const YamlNode *value = node.value(k.key))
            settings.*k.target = integerIn(*value, joinField(field, k.key), k.minimum, k.maximum).value_or(settings.*k.target);
    }
}

void FlowSettingsReader::readFailingRate(const YamlNode &node, const QString &field, FlowSettings &settings)
{
    const YamlNode *value = node.value(FailingRateKey);
    if (!value)
        return;
    const QString valueField = joinField(field, FailingRateKey);
    const auto rate = m_reader.number(*value, valueField);
    if (rate && (*rate <= 0.0 || *rate > 1.0))
        m_reader.error(*value, valueField, QStringLiteral("must be above 0 and at most 1 (a share of finished tasks), got %1").arg(*rate));
    else if (rate)
        settings.failingRate = *rate;
}

void FlowSettingsReader::readGrowthWindow(const YamlNode &node, const QString &field, FlowSettings &settings)
{
    if (const YamlNode *value = node.value(GrowthWindowKey)) {
        if (const auto seconds = integerIn(*value, joinField(field, GrowthWindowKey), 5, 3600))
            settings.growthWindowMs = qint64(*seconds) * 1000;
    }
}

std::optional<int> FlowSettingsReader::integerIn(const YamlNode &node, const QString &field, int minimum, int maximum)
{
    const auto value = m_reader.integer(node, field);
    if (value && (*value < minimum || *value > maximum)) {
        m_reader.error(node, field, QStringLiteral("must be between %1 and %2, got %3").arg(minimum).arg(maximum).arg(*value));
        return std::nullopt;
    }
    return value;
}

} // namespace e2i
