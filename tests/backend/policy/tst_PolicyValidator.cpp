// PolicyValidator against every rule under "Validation" in AUTOSCALER.md.
#include "ReferencePolicy.h"
#include "policy/PolicyValidator.h"

#include <QTest>

#include <functional>

using namespace e2i;

Q_DECLARE_METATYPE(e2i::AutoscalePolicy)

namespace {

const QString kFile = QStringLiteral("config/autoscale.yml");

AutoscalePolicy withTier(const char *name, const std::function<void(TierPolicy &)> &change)
{
    AutoscalePolicy policy = test::referencePolicy();
    for (TierPolicy &tier : policy.tiers) {
        if (tier.name == QLatin1String(name))
            change(tier);
    }
    return policy;
}

QString describe(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines << d.toString();
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class tst_PolicyValidator : public QObject {
    Q_OBJECT
private slots:
    void referencePolicyIsValid();
    void rejects_data();
    void rejects();
    void pointsAtRecordedLine();
    void queueItemFallsBackToListLine();
};

void tst_PolicyValidator::referencePolicyIsValid()
{
    const Diagnostics diagnostics =
        PolicyValidator::validate(test::referencePolicy(), test::referenceComposeServices(), kFile);
    QVERIFY2(diagnostics.isEmpty(), qPrintable(describe(diagnostics)));
}

void tst_PolicyValidator::rejects_data()
{
    QTest::addColumn<AutoscalePolicy>("policy");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("rule");

    const QString replicas = QStringLiteral("0 <= min_replicas <= max_replicas");
    const QString thresholds = QStringLiteral("scale_up_threshold > scale_down_threshold >= 0");

    QTest::addRow("negative min") << withTier("heavy", [](TierPolicy &t) { t.minReplicas = -1; })
                                  << QStringLiteral("tiers.heavy.min_replicas") << replicas;
    QTest::addRow("min above max") << withTier("medium", [](TierPolicy &t) { t.minReplicas = 4; })
                                   << QStringLiteral("tiers.medium.min_replicas") << replicas;
    QTest::addRow("max zero") << withTier("heavy", [](TierPolicy &t) { t.maxReplicas = 0; })
                              << QStringLiteral("tiers.heavy.max_replicas") << QStringLiteral("max_replicas >= 1");
    QTest::addRow("up equals down") << withTier("light", [](TierPolicy &t) { t.scaleUpThreshold = 5; })
                                    << QStringLiteral("tiers.light.scale_up_threshold") << thresholds;
    QTest::addRow("up below down") << withTier("light", [](TierPolicy &t) { t.scaleUpThreshold = 1; })
                                   << QStringLiteral("tiers.light.scale_up_threshold") << thresholds;
    QTest::addRow("negative down") << withTier("medium", [](TierPolicy &t) { t.scaleDownThreshold = -0.5; })
                                   << QStringLiteral("tiers.medium.scale_down_threshold") << thresholds;
    QTest::addRow("up step zero") << withTier("heavy", [](TierPolicy &t) { t.scaleUpStep = 0; })
                                  << QStringLiteral("tiers.heavy.scale_up_step") << QStringLiteral("scale_up_step >= 1");
    QTest::addRow("down step zero") << withTier("heavy", [](TierPolicy &t) { t.scaleDownStep = 0; })
                                    << QStringLiteral("tiers.heavy.scale_down_step") << QStringLiteral("scale_down_step >= 1");
    QTest::addRow("negative up cooldown") << withTier("light", [](TierPolicy &t) { t.scaleUpCooldownSeconds = -1; })
                                          << QStringLiteral("tiers.light.scale_up_cooldown_seconds")
                                          << QStringLiteral("scale_up_cooldown_seconds >= 0");
    QTest::addRow("negative down cooldown") << withTier("light", [](TierPolicy &t) { t.scaleDownCooldownSeconds = -1; })
                                            << QStringLiteral("tiers.light.scale_down_cooldown_seconds")
                                            << QStringLiteral("scale_down_cooldown_seconds >= 0");
    AutoscalePolicy zeroPoll = test::referencePolicy();
    zeroPoll.pollIntervalSeconds = 0;
    QTest::addRow("poll interval zero") << zeroPoll << QStringLiteral("poll_interval_seconds")
                                        << QStringLiteral("poll_interval_seconds >= 1");
    QTest::addRow("queue in two tiers") << withTier("heavy", [](TierPolicy &t) { t.queues << QStringLiteral("reports"); })
                                        << QStringLiteral("tiers.heavy.queues.4")
                                        << QStringLiteral("every queue belongs to exactly one tier");
    QTest::addRow("queue twice in a tier") << withTier("light", [](TierPolicy &t) { t.queues << QStringLiteral("quick"); })
                                           << QStringLiteral("tiers.light.queues.3")
                                           << QStringLiteral("every queue belongs to exactly one tier");
    QTest::addRow("unknown service") << withTier("medium", [](TierPolicy &t) { t.service = QStringLiteral("worker_mid"); })
                                     << QStringLiteral("tiers.medium.service")
                                     << QStringLiteral("every tier's service exists in the compose file");
}

void tst_PolicyValidator::rejects()
{
    QFETCH(AutoscalePolicy, policy);
    QFETCH(QString, field);
    QFETCH(QString, rule);

    const Diagnostics diagnostics =
        PolicyValidator::validate(policy, test::referenceComposeServices(), kFile);

    QVERIFY2(diagnostics.size() == 1, qPrintable(describe(diagnostics)));
    const Diagnostic &d = diagnostics.first();
    QCOMPARE(d.severity, Diagnostic::Severity::Error);
    QCOMPARE(d.file, kFile);
    QCOMPARE(d.field, field);
    QVERIFY2(d.message.contains(rule), qPrintable(d.message));
    const QString tierName = field.section(QLatin1Char('.'), 1, 1);
    if (field.startsWith(QLatin1String("tiers.")))
        QVERIFY2(d.message.contains(QLatin1Char('\'') % tierName % QLatin1Char('\'')), qPrintable(d.message));
}

void tst_PolicyValidator::pointsAtRecordedLine()
{
    AutoscalePolicy policy = withTier("heavy", [](TierPolicy &t) { t.minReplicas = 5; });
    policy.lines.insert(QStringLiteral("tiers.heavy.min_replicas"), 42);

    const Diagnostics diagnostics =
        PolicyValidator::validate(policy, test::referenceComposeServices(), kFile);

    QCOMPARE(diagnostics.size(), 1);
    QCOMPARE(diagnostics.first().line, 42);
    QVERIFY2(diagnostics.first().toString().contains(QStringLiteral("config/autoscale.yml:42")),
             qPrintable(diagnostics.first().toString()));
}

void tst_PolicyValidator::queueItemFallsBackToListLine()
{
    AutoscalePolicy policy = withTier("heavy", [](TierPolicy &t) { t.queues << QStringLiteral("api"); });
    policy.lines.insert(QStringLiteral("tiers.heavy.queues"), 44);

    const Diagnostics diagnostics =
        PolicyValidator::validate(policy, test::referenceComposeServices(), kFile);

    QCOMPARE(diagnostics.size(), 1);
    QCOMPARE(diagnostics.first().line, 44);
    QVERIFY(diagnostics.first().message.contains(QStringLiteral("tier 'light'")));
}

QTEST_GUILESS_MAIN(tst_PolicyValidator)
#include "tst_PolicyValidator.moc"
