// CostModel and CostScenarios on the reference platform, hand-computed.
//
// Resource prices (ResourcePricing.h): one vCPU is worth 9 GiB, so a container
// of c vCPU / m GiB costs (9c + m) units; for c6i one unit-hour is
// u = 0.085 / (9*2 + 4) = 0.085 / 22 $ (every c6i shape gives the same u).
#include "ReferenceProfile.h"
#include "cost/CostModel.h"
#include "cost/CostScenarios.h"
#include "platform/PlatformProfileLoader.h"

#include <QTest>

using namespace e2i;

namespace {

constexpr double kMoneyTolerance = 1e-9;
constexpr double kUnitUsdPerHour = 0.085 / 22.0;
constexpr double kHoursPerMonth = 730.0;

bool near(double a, double b) { return qAbs(a - b) < kMoneyTolerance; }

const PricedWorkload *find(const QList<PricedWorkload> &items, const QString &name)
{
    for (const PricedWorkload &w : items) {
        if (w.name == name)
            return &w;
    }
    return nullptr;
}

QHash<QString, int> replicas(int light, int medium, int heavy)
{
    return {{QStringLiteral("light"), light}, {QStringLiteral("medium"), medium}, {QStringLiteral("heavy"), heavy}};
}

} // namespace

class tst_CostModel : public QObject {
    Q_OBJECT
private slots:
    void resourcePricesSplitTheFamily();
    void perServiceAndPerTierCosts();
    void scenariosOfTheReferencePlatform_data();
    void scenariosOfTheReferencePlatform();
    void peakPacksOntoTwo16xlarge();
    void serviceWithoutLimitsIsUnpriced();
    void missingTierAndBadOptionsAreNoted();
    void everyWorkloadSaysHowItIsPriced();
    void inactiveServicesAreNotStartedAndNotPriced();
    void autoscaledTierOfInactiveProfileIsPriced();
    void reservationsPriceAServiceWithoutLimits();
    void composeServiceLevelLimitsArePriced();
};

void tst_CostModel::resourcePricesSplitTheFamily()
{
    const CostEstimate e = CostModel::estimate(test::referenceProfile(), replicas(2, 1, 0),
                                               PricingCatalog::builtIn(), {});
    // vCPU-hour = 9u = 0.0347727..., GiB-hour = u = 0.0038636...
    QVERIFY(near(e.resources.prices.usdPerVcpuHour, 9 * kUnitUsdPerHour));
    QVERIFY(near(e.resources.prices.usdPerGiBHour, kUnitUsdPerHour));
    // Pricing c6i.large's own shape gives back its list price: 2*9u + 4u = 22u = 0.085.
    QVERIFY(near(2 * e.resources.prices.usdPerVcpuHour + 4 * e.resources.prices.usdPerGiBHour, 0.085));
}

void tst_CostModel::perServiceAndPerTierCosts()
{
    const CostEstimate e = CostModel::estimate(test::referenceProfile(), replicas(3, 1, 1),
                                               PricingCatalog::builtIn(), {});
    QCOMPARE(e.resources.fixedServices.size(), 9);
    QCOMPARE(e.resources.tiers.size(), 3);

    // redis 1 vCPU / 1 GiB: 9u + u = 10u per hour; x 730 per month.
    const PricedWorkload *redis = find(e.resources.fixedServices, QStringLiteral("redis"));
    QVERIFY(redis);
    QVERIFY(near(redis->usdPerHour, 10 * kUnitUsdPerHour));
    QVERIFY(near(redis->usdPerMonth, 10 * kUnitUsdPerHour * kHoursPerMonth));

    // light at 3 replicas of 2 / 2: 6 vCPU / 6 GiB = 54u + 6u = 60u.
    const PricedWorkload *light = find(e.resources.tiers, QStringLiteral("light"));
    QVERIFY(light);
    QCOMPARE(light->service, QStringLiteral("worker_light"));
    QCOMPARE(light->replicas, 3);
    QCOMPARE(light->vcpus, 6.0);
    QCOMPARE(light->memoryGiB, 6.0);
    QVERIFY(near(light->usdPerHour, 60 * kUnitUsdPerHour));

    // heavy at 1 replica of 16 / 32: 144u + 32u = 176u = 8 x 0.085 = 0.68, c6i.4xlarge's price.
    const PricedWorkload *heavy = find(e.resources.tiers, QStringLiteral("heavy"));
    QVERIFY(heavy);
    QVERIFY(near(heavy->usdPerHour, 0.68));
    QVERIFY(e.notes.isEmpty());
}

void tst_CostModel::scenariosOfTheReferencePlatform_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<double>("workerVcpus");
    QTest::addColumn<double>("workerGiB");
    QTest::addColumn<int>("nodes");
    QTest::addColumn<double>("packedUsdPerHour");

    // Fixed services, always: 1+1+1+2+1+1+2+0.5+0.5 = 10 vCPU, 1+2+2+4+2+2+4+0.5+0.5 = 18 GiB.
    // current (light 3, medium 2, heavy 1): 3x2 + 2x4 + 16 = 30 vCPU, 3x2 + 2x8 + 32 = 54 GiB.
    //   Whole: 40 / 72 -> one node; cheapest with 10% headroom: 24xlarge 86.4/172.8 holds it,
    //   12xlarge 43.2/86.4 holds it, 8xlarge 28.8/57.6 does not -> c6i.12xlarge $2.04/h.
    // minimum (2, 1, 0): 2x2 + 4 = 8 vCPU, 2x2 + 8 = 12 GiB. Whole 18 / 30: 4xlarge's
    //   14.4 vCPU usable is too small, 8xlarge (28.8 / 57.6) holds it: $1.36/h.
    // peak (4, 3, 4): 8 + 12 + 64 = 84 vCPU, 8 + 24 + 128 = 160 GiB. Whole 94 / 178:
    //   24xlarge's 86.4 usable is too small, 32xlarge (115.2 / 230.4): $5.44/h.
    QTest::addRow("current") << QStringLiteral("current") << 30.0 << 54.0 << 1 << 2.04;
    QTest::addRow("minimum") << QStringLiteral("minimum") << 8.0 << 12.0 << 1 << 1.36;
    QTest::addRow("peak") << QStringLiteral("peak") << 84.0 << 160.0 << 1 << 5.44;
}

void tst_CostModel::scenariosOfTheReferencePlatform()
{
    QFETCH(QString, scenario);
    QFETCH(double, workerVcpus);
    QFETCH(double, workerGiB);
    QFETCH(int, nodes);
    QFETCH(double, packedUsdPerHour);

    const CostScenarios all = CostScenarios::compute(test::referenceProfile(), replicas(3, 2, 1),
                                                     PricingCatalog::builtIn(), {});
    const CostEstimate &e = scenario == QLatin1String("current") ? all.current
                            : scenario == QLatin1String("minimum") ? all.minimum : all.peak;
    QCOMPARE(e.scenario, scenario);

    QCOMPARE(e.resources.fixedTotal.vcpus, 10.0);
    QCOMPARE(e.resources.fixedTotal.memoryGiB, 18.0);
    QCOMPARE(e.resources.tierTotal.vcpus, workerVcpus);
    QCOMPARE(e.resources.tierTotal.memoryGiB, workerGiB);
    QCOMPARE(e.resources.total.vcpus, 10.0 + workerVcpus);
    // Resource-priced total = (9 x vCPU + GiB) units.
    const double units = 9 * (10.0 + workerVcpus) + 18.0 + workerGiB;
    QVERIFY(near(e.resources.total.usdPerHour, units * kUnitUsdPerHour));
    QVERIFY(near(e.resources.total.usdPerMonth, units * kUnitUsdPerHour * kHoursPerMonth));

    QCOMPARE(e.packed.nodes.size(), nodes);
    QVERIFY(e.packed.unplaced.isEmpty());
    QVERIFY(near(e.packed.usdPerHour, packedUsdPerHour));
    QVERIFY(near(e.packed.usdPerMonth, packedUsdPerHour * kHoursPerMonth));
}

void tst_CostModel::peakPacksOntoTwo16xlarge()
{
    // Usable per c6i.16xlarge with 10% headroom: 57.6 vCPU / 115.2 GiB. Largest
    // dominant share first, ties by name (so frontend before scheduler):
    // heavy#1..3 -> node 1 (48/96); heavy#4 -> node 2; medium#1, #2 -> node 1 (56/112);
    // medium#3, api, bentoml, light#1..4 -> node 2; falkordb -> node 1 (57/114);
    // feast, mlflow, opik, redis -> node 2; frontend -> node 1 (57.5/114.5);
    // scheduler -> node 2 (36.5/63.5). Two nodes, 2 x 2.72 = $5.44/h.
    const CostEstimate e = CostModel::estimate(test::referenceProfile(), replicas(4, 3, 4), PricingCatalog::builtIn(),
                                               {QStringLiteral("c6i.16xlarge"), 0.10});
    QCOMPARE(e.packed.nodes.size(), 2);
    QStringList first;
    for (const Container &c : e.packed.nodes.first().containers)
        first << c.label();
    QCOMPARE(first, (QStringList{QStringLiteral("worker_heavy#1"), QStringLiteral("worker_heavy#2"),
                                 QStringLiteral("worker_heavy#3"), QStringLiteral("worker_medium#1"),
                                 QStringLiteral("worker_medium#2"), QStringLiteral("falkordb#1"),
                                 QStringLiteral("frontend#1")}));
    QCOMPARE(e.packed.nodes.at(1).usedVcpus, 36.5);
    QCOMPARE(e.packed.nodes.at(1).usedMemoryGiB, 63.5);
    QVERIFY(near(e.packed.usdPerMonth, 2 * 2.72 * kHoursPerMonth));
}

void tst_CostModel::serviceWithoutLimitsIsUnpriced()
{
    PlatformProfile profile = test::referenceProfile();
    profile.services.append(test::service("adminer", 0, 0, 2));
    const CostEstimate e = CostModel::estimate(profile, replicas(2, 1, 0), PricingCatalog::builtIn(), {});

    QCOMPARE(e.unpriced.size(), 1);
    QVERIFY(e.unpriced.first().startsWith(QStringLiteral("adminer (2 replica(s)")));
    const PricedWorkload *adminer = find(e.resources.fixedServices, QStringLiteral("adminer"));
    QVERIFY(adminer);
    QCOMPARE(adminer->replicas, 2);
    QCOMPARE(adminer->usdPerHour, 0.0);
    QCOMPARE(e.resources.fixedTotal.vcpus, 10.0); // counted with zero resources
    int packedContainers = 0;
    for (const PackedNode &node : e.packed.nodes)
        packedContainers += node.containers.size();
    QCOMPARE(packedContainers, 9 + 2 + 1); // fixed services, light x2, medium x1; not adminer
}

void tst_CostModel::missingTierAndBadOptionsAreNoted()
{
    PlatformProfile profile = test::referenceProfile();
    profile.autoscale.tiers[1].service = QStringLiteral("worker_mid");
    const CostEstimate e = CostModel::estimate(profile, {{QStringLiteral("light"), 3}}, PricingCatalog::builtIn(),
                                               {QStringLiteral("c7g.large"), 1.5});
    const QString notes = e.notes.join(QLatin1Char('\n'));
    QVERIFY2(notes.contains(QStringLiteral("headroom 1.5 is outside [0, 1)")), qPrintable(notes));
    QVERIFY2(notes.contains(QStringLiteral("'c7g.large' is not in the pricing catalog")), qPrintable(notes));
    QVERIFY2(notes.contains(QStringLiteral("tier 'medium': service 'worker_mid' is not in the compose file")), qPrintable(notes));
    QVERIFY2(notes.contains(QStringLiteral("tier 'heavy': no replica count given; priced at its compose replicas (0)")), qPrintable(notes));
    QVERIFY(e.packed.nodes.isEmpty());
    // 9 fixed services, worker_medium (now untiered, 1 replica), light x3: reported, not dropped.
    QCOMPARE(e.packed.unplaced.size(), 9 + 1 + 3);
    // worker_mid is unknown and worker_medium is no longer a tier's service: a fixed service now.
    QVERIFY(find(e.resources.fixedServices, QStringLiteral("worker_medium")));
}

void tst_CostModel::everyWorkloadSaysHowItIsPriced()
{
    PlatformProfile profile = test::referenceProfile();
    profile.services.append(test::service("adminer", 0, 0, 1));
    const CostEstimate e = CostModel::estimate(profile, replicas(2, 1, 0), PricingCatalog::builtIn(), {});
    QCOMPARE(find(e.resources.fixedServices, QStringLiteral("falkordb"))->pricing, QStringLiteral("limits 1 vCPU / 2 GiB"));
    QCOMPARE(find(e.resources.fixedServices, QStringLiteral("adminer"))->pricing, QStringLiteral("no limits: not priced"));
    for (const PricedWorkload &w : e.resources.fixedServices + e.resources.tiers)
        QVERIFY2(!w.pricing.isEmpty(), qPrintable(w.name));
}

// A service Compose does not start (profile not active) costs nothing, in every view.
void tst_CostModel::inactiveServicesAreNotStartedAndNotPriced()
{
    const CostEstimate before = CostModel::estimate(test::referenceProfile(), replicas(2, 1, 0),
                                                    PricingCatalog::builtIn(), {});
    PlatformProfile profile = test::referenceProfile();
    ServiceSpec debug = test::service("debug_shell", 4, 8, 1);
    debug.profiles = QStringList{QStringLiteral("debug")};
    debug.active = false;
    debug.inactiveReason = QStringLiteral("profile debug is not active");
    profile.services.append(debug);
    const CostEstimate e = CostModel::estimate(profile, replicas(2, 1, 0), PricingCatalog::builtIn(), {});

    const PricedWorkload *shell = find(e.resources.fixedServices, QStringLiteral("debug_shell"));
    QVERIFY(shell);
    QCOMPARE(shell->replicas, 0);
    QCOMPARE(shell->usdPerHour, 0.0);
    QCOMPARE(shell->pricing, QStringLiteral("not started (profile debug)"));
    QVERIFY(near(e.resources.total.usdPerHour, before.resources.total.usdPerHour));
    QVERIFY(near(e.packed.usdPerHour, before.packed.usdPerHour));
    QVERIFY(e.unpriced.isEmpty());
    QVERIFY2(e.notes.contains(QStringLiteral("service 'debug_shell' is not started (profile debug is not active); not priced")),
             qPrintable(e.notes.join(u'\n')));
}

// The reference's heavy workers are `profiles: [heavy]`: the autoscaler starts
// them with that profile, so the tier is priced at whatever replicas it has.
void tst_CostModel::autoscaledTierOfInactiveProfileIsPriced()
{
    PlatformProfile profile = test::referenceProfile();
    bool found = false;
    for (ServiceSpec &service : profile.services) {
        if (service.name == u"worker_heavy") {
            service.active = false;
            service.inactiveReason = QStringLiteral("profile heavy is not active");
            found = true;
        }
    }
    QVERIFY(found);
    const CostEstimate e = CostModel::estimate(profile, replicas(2, 1, 2), PricingCatalog::builtIn(), {});
    const PricedWorkload *tier = find(e.resources.tiers, QStringLiteral("heavy"));
    QVERIFY(tier);
    QCOMPARE(tier->replicas, 2);
    QCOMPARE(tier->vcpus, 32.0);
    QCOMPARE(tier->pricing, QStringLiteral("limits 16 vCPU / 32 GiB"));
}

void tst_CostModel::reservationsPriceAServiceWithoutLimits()
{
    PlatformProfile profile = test::referenceProfile();
    ServiceSpec reserved = test::service("reserved", 0, 0, 1);
    reserved.reservations = {0.5, 1.0};
    profile.services.append(reserved);
    const CostEstimate e = CostModel::estimate(profile, replicas(2, 1, 0), PricingCatalog::builtIn(), {});
    const PricedWorkload *w = find(e.resources.fixedServices, QStringLiteral("reserved"));
    QCOMPARE(w->pricing, QStringLiteral("reservations 0.5 vCPU / 1 GiB (no limits)"));
    QVERIFY(near(w->usdPerHour, (9 * 0.5 + 1.0) * kUnitUsdPerHour));
    QVERIFY(e.unpriced.isEmpty());
}

// cpus / mem_limit at service level used to be ignored: the service cost $0 silently.
void tst_CostModel::composeServiceLevelLimitsArePriced()
{
    const PlatformProfile loaded = PlatformProfileLoader::loadCompose(
        QStringLiteral(E2I_TEST_DATA_DIR "/platform/probes.yml"), {});
    const CostEstimate e = CostModel::estimate(loaded, {}, PricingCatalog::builtIn(), {});
    const PricedWorkload *w = find(e.resources.fixedServices, QStringLiteral("service_level"));
    QVERIFY(w);
    QCOMPARE(w->pricing, QStringLiteral("limits 1.5 vCPU / 2 GiB"));
    QVERIFY(near(w->usdPerHour, (9 * 1.5 + 2.0) * kUnitUsdPerHour));
}

QTEST_GUILESS_MAIN(tst_CostModel)
#include "tst_CostModel.moc"
