#include "AutoscalePolicyFields.h"

namespace e2i::AutoscalePolicyFields {

namespace {

QString number(double value) { return QString::number(value, 'g', 15); }

TierPolicy *findTier(AutoscalePolicy &policy, const QString &name)
{
    for (TierPolicy &tier : policy.tiers) {
        if (tier.name == name)
            return &tier;
    }
    return nullptr;
}

std::optional<QString> tierValue(const TierPolicy &tier, const QString &key)
{
    if (key == QLatin1String("service"))
        return tier.service;
    if (key == QLatin1String("min_replicas"))
        return QString::number(tier.minReplicas);
    if (key == QLatin1String("max_replicas"))
        return QString::number(tier.maxReplicas);
    if (key == QLatin1String("scale_up_threshold"))
        return number(tier.scaleUpThreshold);
    if (key == QLatin1String("scale_down_threshold"))
        return number(tier.scaleDownThreshold);
    if (key == QLatin1String("scale_up_step"))
        return QString::number(tier.scaleUpStep);
    if (key == QLatin1String("scale_down_step"))
        return QString::number(tier.scaleDownStep);
    if (key == QLatin1String("scale_up_cooldown_seconds"))
        return QString::number(tier.scaleUpCooldownSeconds);
    if (key == QLatin1String("scale_down_cooldown_seconds"))
        return QString::number(tier.scaleDownCooldownSeconds);
    return std::nullopt;
}

bool parseInt(const QString &text, int *target, QString *error)
{
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    if (!ok)
        *error = QStringLiteral("expected a whole number, got \"%1\"").arg(text);
    else
        *target = value;
    return ok;
}

bool parseDouble(const QString &text, double *target, QString *error)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok)
        *error = QStringLiteral("expected a number, got \"%1\"").arg(text);
    else
        *target = value;
    return ok;
}

bool parseBool(const QString &text, bool *target, QString *error)
{
    const QString word = text.trimmed().toLower();
    if (word != QLatin1String("true") && word != QLatin1String("false")) {
        *error = QStringLiteral("expected true or false, got \"%1\"").arg(text);
        return false;
    }
    *target = word == QLatin1String("true");
    return true;
}

bool setTierValue(TierPolicy &tier, const QString &key, const QString &text, QString *error)
{
    if (key == QLatin1String("service")) {
        tier.service = text.trimmed();
        return true;
    }
    if (key == QLatin1String("min_replicas"))
        return parseInt(text, &tier.minReplicas, error);
    if (key == QLatin1String("max_replicas"))
        return parseInt(text, &tier.maxReplicas, error);
    if (key == QLatin1String("scale_up_threshold"))
        return parseDouble(text, &tier.scaleUpThreshold, error);
    if (key == QLatin1String("scale_down_threshold"))
        return parseDouble(text, &tier.scaleDownThreshold, error);
    if (key == QLatin1String("scale_up_step"))
        return parseInt(text, &tier.scaleUpStep, error);
    if (key == QLatin1String("scale_down_step"))
        return parseInt(text, &tier.scaleDownStep, error);
    if (key == QLatin1String("scale_up_cooldown_seconds"))
        return parseInt(text, &tier.scaleUpCooldownSeconds, error);
    if (key == QLatin1String("scale_down_cooldown_seconds"))
        return parseInt(text, &tier.scaleDownCooldownSeconds, error);
    *error = QStringLiteral("unknown key; editable tier keys: %1").arg(tierKeys().join(QStringLiteral(", ")));
    return false;
}

bool setTopLevelValue(AutoscalePolicy &policy, const QString &key, const QString &text, QString *error)
{
    if (key == QLatin1String("poll_interval_seconds"))
        return parseInt(text, &policy.pollIntervalSeconds, error);
    if (key == QLatin1String("dry_run"))
        return parseBool(text, &policy.dryRun, error);
    *error = QStringLiteral("unknown key; editable top-level keys: %1").arg(topLevelKeys().join(QStringLiteral(", ")));
    return false;
}

} // namespace

const QStringList &tierKeys()
{
    static const QStringList keys{QStringLiteral("service"), QStringLiteral("min_replicas"),
                                  QStringLiteral("max_replicas"), QStringLiteral("scale_up_threshold"),
                                  QStringLiteral("scale_down_threshold"), QStringLiteral("scale_up_step"),
                                  QStringLiteral("scale_down_step"), QStringLiteral("scale_up_cooldown_seconds"),
                                  QStringLiteral("scale_down_cooldown_seconds")};
    return keys;
}

const QStringList &topLevelKeys()
{
    static const QStringList keys{QStringLiteral("poll_interval_seconds"), QStringLiteral("dry_run")};
    return keys;
}

std::optional<QString> value(const AutoscalePolicy &policy, const QString &tier, const QString &key)
{
    if (tier.isEmpty()) {
        if (key == QLatin1String("poll_interval_seconds"))
            return QString::number(policy.pollIntervalSeconds);
        if (key == QLatin1String("dry_run"))
            return policy.dryRun ? QStringLiteral("true") : QStringLiteral("false");
        return std::nullopt;
    }
    const TierPolicy *found = policy.tier(tier);
    return found ? tierValue(*found, key) : std::nullopt;
}

bool apply(AutoscalePolicy &policy, const AutoscaleChange &change, QString *error)
{
    QString reason;
    bool ok = false;
    if (change.tier.isEmpty()) {
        ok = setTopLevelValue(policy, change.key, change.value, &reason);
    } else if (TierPolicy *tier = findTier(policy, change.tier)) {
        ok = setTierValue(*tier, change.key, change.value, &reason);
    } else {
        QStringList names;
        for (const TierPolicy &t : policy.tiers)
            names << t.name;
        reason = QStringLiteral("no such tier; the file has %1").arg(names.join(QStringLiteral(", ")));
    }
    if (!ok)
        *error = change.field() + QStringLiteral(": ") + reason;
    return ok;
}

QStringList differences(const AutoscalePolicy &before, const AutoscalePolicy &after)
{
    QStringList lines;
    const auto compare = [&](const QString &tier, const QString &key) {
        const auto a = value(before, tier, key);
        const auto b = value(after, tier, key);
        if (a != b) {
            lines << QStringLiteral("%1: %2 -> %3").arg(AutoscaleChange{tier, key, {}}.field(),
                                                       a.value_or(QStringLiteral("(absent)")),
                                                       b.value_or(QStringLiteral("(absent)")));
        }
    };
    for (const QString &key : topLevelKeys())
        compare(QString(), key);
    QStringList tierNames;
    for (const TierPolicy &tier : before.tiers)
        tierNames << tier.name;
    for (const TierPolicy &tier : after.tiers) {
        if (!tierNames.contains(tier.name))
            tierNames << tier.name;
    }
    for (const QString &name : tierNames) {
        for (const QString &key : tierKeys())
            compare(name, key);
        const TierPolicy *a = before.tier(name);
        const TierPolicy *b = after.tier(name);
        if (a && b && a->queues != b->queues)
            lines << QStringLiteral("tiers.%1.queues: [%2] -> [%3]").arg(name, a->queues.join(QStringLiteral(", ")), b->queues.join(QStringLiteral(", ")));
    }
    return lines;
}

} // namespace e2i::AutoscalePolicyFields
