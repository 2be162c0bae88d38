#include "policy/PolicyValidator.h"

#include <QHash>

namespace e2i::PolicyValidator {
namespace {

class RuleChecker {
public:
    RuleChecker(const AutoscalePolicy &policy, const QString &file)
        : m_policy(policy), m_file(file) {}

    void fail(const QString &field, const QString &subject, const QString &problem,
              const QString &rule)
    {
        Diagnostic d;
        d.file = m_file;
        d.line = lineOf(field);
        d.field = field;
        d.message = subject % QStringLiteral(": ") % problem % QStringLiteral(" (rule: ") % rule
                    % QStringLiteral(")");
        m_diagnostics.append(d);
    }

    Diagnostics result() const { return m_diagnostics; }

private:
    // A list item's line when the loader recorded it, else the key's, else the tier's.
    int lineOf(QString field) const
    {
        while (!field.isEmpty()) {
            if (const int line = m_policy.lines.value(field, 0); line > 0)
                return line;
            const qsizetype dot = field.lastIndexOf(QLatin1Char('.'));
            field = dot < 0 ? QString() : field.left(dot);
        }
        return 0;
    }

    const AutoscalePolicy &m_policy;
    QString m_file;
    Diagnostics m_diagnostics;
};

QString tierField(const TierPolicy &tier, const char *key)
{
    return QStringLiteral("tiers.") % tier.name % QLatin1Char('.') % QLatin1String(key);
}

QString subject(const TierPolicy &tier)
{
    return QStringLiteral("tier '") % tier.name % QLatin1Char('\'');
}

void checkReplicas(RuleChecker &check, const TierPolicy &tier)
{
    const QString rule = QStringLiteral("0 <= min_replicas <= max_replicas, max_replicas >= 1");
    if (tier.minReplicas < 0)
        check.fail(tierField(tier, "min_replicas"), subject(tier),
                   QStringLiteral("min_replicas is %1, must be >= 0").arg(tier.minReplicas), rule);
    if (tier.maxReplicas < 1)
        check.fail(tierField(tier, "max_replicas"), subject(tier),
                   QStringLiteral("max_replicas is %1, must be >= 1").arg(tier.maxReplicas), rule);
    if (tier.minReplicas > tier.maxReplicas)
        check.fail(tierField(tier, "min_replicas"), subject(tier),
                   QStringLiteral("min_replicas %1 is greater than max_replicas %2")
                       .arg(tier.minReplicas).arg(tier.maxReplicas), rule);
}

void checkThresholds(RuleChecker &check, const TierPolicy &tier)
{
    const QString rule = QStringLiteral("scale_up_threshold > scale_down_threshold >= 0");
    if (tier.scaleDownThreshold < 0)
        check.fail(tierField(tier, "scale_down_threshold"), subject(tier),
                   QStringLiteral("scale_down_threshold is %1, must be >= 0")
                       .arg(tier.scaleDownThreshold), rule);
    if (!(tier.scaleUpThreshold > tier.scaleDownThreshold))
        check.fail(tierField(tier, "scale_up_threshold"), subject(tier),
                   QStringLiteral("scale_up_threshold %1 must be greater than scale_down_threshold %2")
                       .arg(tier.scaleUpThreshold).arg(tier.scaleDownThreshold), rule);
}

void checkAtLeast(RuleChecker &check, const TierPolicy &tier, const char *key, int value,
                  int minimum)
{
    if (value >= minimum)
        return;
    check.fail(tierField(tier, key), subject(tier),
               QStringLiteral("%1 is %2, must be >= %3").arg(QLatin1String(key)).arg(value).arg(minimum),
               QLatin1String(key) % QStringLiteral(" >= ") % QString::number(minimum));
}

void checkStepsAndCooldowns(RuleChecker &check, const TierPolicy &tier)
{
    checkAtLeast(check, tier, "scale_up_step", tier.scaleUpStep, 1);
    checkAtLeast(check, tier, "scale_down_step", tier.scaleDownStep, 1);
    checkAtLeast(check, tier, "scale_up_cooldown_seconds", tier.scaleUpCooldownSeconds, 0);
    checkAtLeast(check, tier, "scale_down_cooldown_seconds", tier.scaleDownCooldownSeconds, 0);
}

void checkService(RuleChecker &check, const TierPolicy &tier, const QStringList &composeServices)
{
    if (composeServices.contains(tier.service))
        return;
    check.fail(tierField(tier, "service"), subject(tier),
               QStringLiteral("service '%1' is not a service of the compose file").arg(tier.service),
               QStringLiteral("every tier's service exists in the compose file"));
}

void checkQueueOwnership(RuleChecker &check, const AutoscalePolicy &policy)
{
    const QString rule = QStringLiteral("every queue belongs to exactly one tier");
    QHash<QString, QString> owner;
    for (const TierPolicy &tier : policy.tiers) {
        for (qsizetype i = 0; i < tier.queues.size(); ++i) {
            const QString &queue = tier.queues.at(i);
            const QString field = tierField(tier, "queues") % QLatin1Char('.') % QString::number(i);
            const auto previous = owner.constFind(queue);
            if (previous == owner.constEnd())
                owner.insert(queue, tier.name);
            else if (*previous == tier.name)
                check.fail(field, subject(tier),
                           QStringLiteral("queue '%1' is listed twice").arg(queue), rule);
            else
                check.fail(field, subject(tier),
                           QStringLiteral("queue '%1' is already consumed by tier '%2'")
                               .arg(queue, *previous), rule);
        }
    }
}

} // namespace

Diagnostics validate(const AutoscalePolicy &policy, const QStringList &composeServices,
                     const QString &file)
{
    RuleChecker check(policy, file);
    if (policy.pollIntervalSeconds < 1)
        check.fail(QStringLiteral("poll_interval_seconds"), QStringLiteral("policy"),
                   QStringLiteral("poll_interval_seconds is %1, must be >= 1")
                       .arg(policy.pollIntervalSeconds),
                   QStringLiteral("poll_interval_seconds >= 1"));
    for (const TierPolicy &tier : policy.tiers) {
        checkReplicas(check, tier);
        checkThresholds(check, tier);
        checkStepsAndCooldowns(check, tier);
        checkService(check, tier, composeServices);
    }
    checkQueueOwnership(check, policy);
    return check.result();
}

} // namespace e2i::PolicyValidator
