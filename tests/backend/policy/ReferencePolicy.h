#pragma once
// The reference platform's autoscale policy, built by hand to mirror
// resources/platform/autoscale.yml (defaults already merged into each tier).
#include "platform/PlatformProfile.h"

namespace e2i::test {

inline TierPolicy referenceTier(const QString &name)
{
    TierPolicy tier; // defaults: up 10, down 2, steps 1, cooldowns 60 / 300
    tier.name = name;
    if (name == QLatin1String("light")) {
        tier.service = QStringLiteral("worker_light");
        tier.queues = {QStringLiteral("default"), QStringLiteral("quick"), QStringLiteral("api")};
        tier.minReplicas = 2;
        tier.maxReplicas = 4;
        tier.scaleUpThreshold = 20;
        tier.scaleDownThreshold = 5;
    } else if (name == QLatin1String("medium")) {
        tier.service = QStringLiteral("worker_medium");
        tier.queues = {QStringLiteral("analytics"), QStringLiteral("reports")};
        tier.minReplicas = 1;
        tier.maxReplicas = 3;
    } else {
        tier.service = QStringLiteral("worker_heavy");
        tier.queues = {QStringLiteral("shap"), QStringLiteral("causal"), QStringLiteral("ml"),
                       QStringLiteral("twins")};
        tier.minReplicas = 0;
        tier.maxReplicas = 4;
        tier.scaleUpThreshold = 1;
        tier.scaleDownThreshold = 0.5;
        tier.scaleUpStep = 2;
        tier.scaleDownCooldownSeconds = 600;
    }
    return tier;
}

inline AutoscalePolicy referencePolicy()
{
    AutoscalePolicy policy;
    policy.pollIntervalSeconds = 15;
    policy.redisUrl = QStringLiteral("redis://redis:6379/0");
    policy.composeFile = QStringLiteral("docker/docker-compose.yml");
    policy.tiers = {referenceTier(QStringLiteral("light")), referenceTier(QStringLiteral("medium")),
                    referenceTier(QStringLiteral("heavy"))};
    return policy;
}

inline QStringList referenceComposeServices()
{
    return {QStringLiteral("redis"),        QStringLiteral("falkordb"),      QStringLiteral("mlflow"),
            QStringLiteral("bentoml"),      QStringLiteral("feast"),         QStringLiteral("opik"),
            QStringLiteral("api"),          QStringLiteral("worker_light"),  QStringLiteral("worker_medium"),
            QStringLiteral("worker_heavy"), QStringLiteral("scheduler"),     QStringLiteral("frontend")};
}

} // namespace e2i::test
