#include "AutoscaleFileReader.h"

#include "config/YamlReader.h"

namespace e2i {

namespace {

const QStringList TopLevelKeys{QStringLiteral("poll_interval_seconds"), QStringLiteral("dry_run"),
                               QStringLiteral("redis_url"), QStringLiteral("compose_file"),
                               QStringLiteral("defaults"), QStringLiteral("tiers")};
const QStringList TierKeys{QStringLiteral("service"), QStringLiteral("queues"),
                           QStringLiteral("min_replicas"), QStringLiteral("max_replicas"),
                           QStringLiteral("scale_up_threshold"), QStringLiteral("scale_down_threshold"),
                           QStringLiteral("scale_up_step"), QStringLiteral("scale_down_step"),
                           QStringLiteral("scale_up_cooldown_seconds"), QStringLiteral("scale_down_cooldown_seconds")};

} // namespace

AutoscaleFileReader::AutoscaleFileReader(const QString &file, Diagnostics &diagnostics)
    : m_file(file), m_reader(file, diagnostics), m_diagnostics(diagnostics)
{
}

AutoscalePolicy AutoscaleFileReader::read()
{
    return readRoot(YamlReader::readFile(m_file, m_diagnostics));
}

AutoscalePolicy AutoscaleFileReader::readText(const QByteArray &text)
{
    return readRoot(YamlReader::readText(text, m_file, m_diagnostics));
}

AutoscalePolicy AutoscaleFileReader::readRoot(const std::optional<YamlNode> &root)
{
    AutoscalePolicy policy;
    m_reader.recordLinesInto(&policy.lines);
    if (root && m_reader.expectMap(*root, QString()))
        readTopLevel(*root, policy);
    m_reader.recordLinesInto(nullptr);
    return policy;
}

void AutoscaleFileReader::readTopLevel(const YamlNode &root, AutoscalePolicy &policy)
{
    m_reader.warnUnknownKeys(root, QString(), TopLevelKeys);
    if (const YamlNode *poll = root.value(QStringLiteral("poll_interval_seconds")))
        readInt(*poll, QStringLiteral("poll_interval_seconds"), 1, policy.pollIntervalSeconds);
    if (const YamlNode *dryRun = root.value(QStringLiteral("dry_run")))
        policy.dryRun = m_reader.boolean(*dryRun, QStringLiteral("dry_run")).value_or(policy.dryRun);
    if (const YamlNode *redisUrl = root.value(QStringLiteral("redis_url")))
        policy.redisUrl = m_reader.string(*redisUrl, QStringLiteral("redis_url")).value_or(QString());
    if (const YamlNode *composeFile = root.value(QStringLiteral("compose_file")))
        policy.composeFile = m_reader.string(*composeFile, QStringLiteral("compose_file")).value_or(QString());
    if (const YamlNode *defaults = root.value(QStringLiteral("defaults"));
        defaults && m_reader.expectMap(*defaults, QStringLiteral("defaults")))
        m_reader.warnUnknownKeys(*defaults, QStringLiteral("defaults"), TierKeys);
    const YamlNode *tiers = root.value(QStringLiteral("tiers"));
    if (!tiers) {
        m_reader.error(root, QStringLiteral("tiers"), QStringLiteral("the autoscale file has no tiers"));
        return;
    }
    if (!m_reader.expectMap(*tiers, QStringLiteral("tiers")))
        return;
    for (const YamlEntry &entry : tiers->entries)
        policy.tiers.append(readTier(entry.key, entry.value));
}

TierPolicy AutoscaleFileReader::readTier(const QString &name, const YamlNode &node)
{
    TierPolicy tier;
    tier.name = name;
    const QString field = QStringLiteral("tiers.") + name;
    if (!m_reader.expectMap(node, field))
        return tier;
    m_reader.warnUnknownKeys(node, field, TierKeys);
    for (const YamlEntry &entry : node.entries)
        readTierField(entry, joinField(field, entry.key), tier);
    if (tier.service.isEmpty())
        m_reader.error(node, field + QStringLiteral(".service"), QStringLiteral("the tier names no compose service"));
    if (tier.maxReplicas < tier.minReplicas)
        m_reader.error(node, field + QStringLiteral(".max_replicas"),
                       QStringLiteral("max_replicas (%1) is below min_replicas (%2)").arg(tier.maxReplicas).arg(tier.minReplicas));
    return tier;
}

void AutoscaleFileReader::readTierField(const YamlEntry &entry, const QString &field, TierPolicy &tier)
{
    const QString &key = entry.key;
    const YamlNode &value = entry.value;
    if (key == QStringLiteral("service"))
        tier.service = m_reader.string(value, field).value_or(QString());
    else if (key == QStringLiteral("queues"))
        tier.queues = m_reader.stringList(value, field, true).value_or(QStringList());
    else if (key == QStringLiteral("min_replicas"))
        readInt(value, field, 0, tier.minReplicas);
    else if (key == QStringLiteral("max_replicas"))
        readInt(value, field, 0, tier.maxReplicas);
    else if (key == QStringLiteral("scale_up_threshold"))
        readDouble(value, field, tier.scaleUpThreshold);
    else if (key == QStringLiteral("scale_down_threshold"))
        readDouble(value, field, tier.scaleDownThreshold);
    else if (key == QStringLiteral("scale_up_step"))
        readInt(value, field, 1, tier.scaleUpStep);
    else if (key == QStringLiteral("scale_down_step"))
        readInt(value, field, 1, tier.scaleDownStep);
    else if (key == QStringLiteral("scale_up_cooldown_seconds"))
        readInt(value, field, 0, tier.scaleUpCooldownSeconds);
    else if (key == QStringLiteral("scale_down_cooldown_seconds"))
        readInt(value, field, 0, tier.scaleDownCooldownSeconds);
}

void AutoscaleFileReader::readInt(const YamlNode &node, const QString &field, int minimum, int &target)
{
    const auto value = m_reader.integer(node, field);
    if (value && *value < minimum)
        m_reader.error(node, field, QStringLiteral("must be at least %1, got %2").arg(minimum).arg(*value));
    else if (value)
        target = *value;
}

void AutoscaleFileReader::readDouble(const YamlNode &node, const QString &field, double &target)
{
    const auto value = m_reader.number(node, field);
    if (value && *value < 0.0)
        m_reader.error(node, field, QStringLiteral("must not be negative, got %1").arg(*value));
    else if (value)
        target = *value;
}

} // namespace e2i
