// SeedCostCheck: the seed's "Cost Analysis" claims against the reference files.
//
// Hand arithmetic, from the compose limits and autoscale ranges:
//   fixed services 10 vCPU / 18 GiB;
//   workers at min: light 2 x 2/2 + medium 1 x 4/8 + heavy 0 = 8 vCPU / 12 GiB
//     (the seed's 6 / 10 is one light replica + one medium); with fixed: 18 / 30;
//   workers at max: light 4 x 2/2 + medium 3 x 4/8 + heavy 4 x 16/32 = 84 / 160,
//     which does not fit one c6i.16xlarge (64 / 128);
//   list prices x 730 h: c6i.4xlarge 0.68 -> $496.40, c6i.16xlarge 2.72 -> $1,985.60,
//     c6i.large 0.085 -> $62.05, c6i.8xlarge 1.36 -> $992.80.
//   Whole deployment, cheapest mix, 10% headroom: minimum 18 / 30 on one c6i.8xlarge
//     ($992.80/mo); peak 94 / 178 on one c6i.32xlarge (5.44 x 730 = $3,971.20/mo).
#include "ReferenceProfile.h"
#include "cost/SeedCostCheck.h"

#include <QTest>

using namespace e2i;

class tst_SeedCostCheck : public QObject {
    Q_OBJECT
private slots:
    void findingsOnTheReferencePlatform_data();
    void findingsOnTheReferencePlatform();
    void catalogWithoutTheSeedsInstances();
};

void tst_SeedCostCheck::findingsOnTheReferencePlatform_data()
{
    QTest::addColumn<QString>("finding");

    QTest::addRow("fixed services") << QStringLiteral("Fixed services (9 non-worker services): 10 vCPU / 18 GiB");
    QTest::addRow("minimum resources") << QStringLiteral("the files give 8 vCPU / 12 GiB at min_replicas (light 2 x 2 vCPU / 2 GiB, medium 1 x 4 vCPU / 8 GiB, heavy 0 x 16 vCPU / 32 GiB), 18 vCPU / 30 GiB with the fixed services");
    // light 2 + medium 4 = 6 vCPU, 2 + 8 = 10 GB: one replica each.
    QTest::addRow("minimum explained") << QStringLiteral("The seed's figure is one replica of each tier running at idle");
    QTest::addRow("minimum price") << QStringLiteral("Seed minimum (idle): ~$490.00/mo on c6i.4xlarge, whose list price is $0.68/h x 730 h = $496.40/mo (+$6.40)");
    QTest::addRow("minimum packed") << QStringLiteral("at minimum (fixed services + workers), bin-packed (cheapest mix, 10% headroom): 1 node(s) [c6i.8xlarge], $992.80/mo");
    QTest::addRow("peak resources") << QStringLiteral("the files give 84 vCPU / 160 GiB at max_replicas");
    QTest::addRow("peak does not fit") << QStringLiteral("workers of 84 vCPU / 160 GiB on one c6i.16xlarge of 64 vCPU / 128 GiB: they do NOT fit");
    QTest::addRow("peak price") << QStringLiteral("~$1,960.00/mo on c6i.16xlarge, whose list price is $2.72/h x 730 h = $1,985.60/mo (+$25.60)");
    QTest::addRow("peak packed") << QStringLiteral("at peak (fixed services + workers), bin-packed (cheapest mix, 10% headroom): 1 node(s) [c6i.32xlarge], $3,971.20/mo");
    QTest::addRow("before price") << QStringLiteral("~$250.00/mo on c6i.large, whose list price is $0.085/h x 730 h = $62.05/mo (-$187.95)");
    QTest::addRow("recommendation price") << QStringLiteral("$1.36/h x 730 h = $992.80/mo (+$12.80)");
    QTest::addRow("recommendation fit") << QStringLiteral("c6i.8xlarge (32 vCPU / 64 GiB) holds the workers at min_replicas (8 vCPU / 12 GiB) and does NOT hold them at max_replicas (84 vCPU / 160 GiB)");
}

void tst_SeedCostCheck::findingsOnTheReferencePlatform()
{
    QFETCH(QString, finding);
    const QStringList findings = SeedCostCheck::findings(test::referenceProfile(), PricingCatalog::builtIn());
    const bool found = findings.join(QLatin1Char('\n')).contains(finding);
    if (!found) {
        for (const QString &line : findings)
            qWarning().noquote() << line; // the message of a failed QVERIFY2 is truncated
    }
    QVERIFY(found);
}

void tst_SeedCostCheck::catalogWithoutTheSeedsInstances()
{
    const PricingCatalog other({{QStringLiteral("m.large"), 8, 32, 0.4}}, 720.0);
    const QStringList findings = SeedCostCheck::findings(test::referenceProfile(), other);
    const QString all = findings.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QStringLiteral("c6i.4xlarge is not in the pricing catalog")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("10 vCPU / 18 GiB")), qPrintable(all));
    for (const QString &finding : findings)
        QVERIFY(!finding.isEmpty());
}

QTEST_GUILESS_MAIN(tst_SeedCostCheck)
#include "tst_SeedCostCheck.moc"
