#include "AutoscalePolicyJson.h"

#include <QJsonArray>

namespace e2i::AutoscalePolicyJson {

namespace {

QJsonObject tierToJson(const TierPolicy &tier)
{
    return QJsonObject{
        {QStringLiteral("service"), tier.service},
        {QStringLiteral("queues"), QJsonArray::fromStringList(tier.queues)},
        {QStringLiteral("min_replicas"), tier.minReplicas},
        {QStringLiteral("max_replicas"), tier.maxReplicas},
        {QStringLiteral("scale_up_threshold"), tier.scaleUpThreshold},
        {QStringLiteral("scale_down_threshold"), tier.scaleDownThreshold},
        {QStringLiteral("scale_up_step"), tier.scaleUpStep},
        {QStringLiteral("scale_down_step"), tier.scaleDownStep},
        {QStringLiteral("scale_up_cooldown_seconds"), tier.scaleUpCooldownSeconds},
        {QStringLiteral("scale_down_cooldown_seconds"), tier.scaleDownCooldownSeconds},
    };
}

} // namespace

QJsonObject toJson(const AutoscalePolicy &policy)
{
    // Tiers as a list keeps the file's order, which a JSON object would not.
    QJsonArray tiers;
    for (const TierPolicy &tier : policy.tiers) {
        QJsonObject object = tierToJson(tier);
        object.insert(QStringLiteral("name"), tier.name);
        tiers.append(object);
    }
    return QJsonObject{
        {QStringLiteral("poll_interval_seconds"), policy.pollIntervalSeconds},
        {QStringLiteral("dry_run"), policy.dryRun},
        {QStringLiteral("tiers"), tiers},
    };
}

} // namespace e2i::AutoscalePolicyJson
