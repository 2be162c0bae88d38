// Tiers and queues found on the live platform (TierDiscovery) and the queues
// kombu declares in Redis (KombuBindings), from constructed inputs.
#include "monitor/KombuBindings.h"
#include "monitor/TierDiscovery.h"

#include <QtTest>

using namespace e2i;

namespace {

ServiceSpec worker(const QString &name, const QStringList &queues = {}, const QString &prefix = {})
{
    ServiceSpec service;
    service.name = name;
    service.celeryWorker = true;
    service.celeryQueues = queues;
    service.celeryHostnamePrefix = prefix;
    return service;
}

TierPolicy policyTier(const QString &name, const QString &service, const QStringList &queues)
{
    TierPolicy tier;
    tier.name = name;
    tier.service = service;
    tier.queues = queues;
    tier.minReplicas = 1;
    tier.maxReplicas = 4;
    return tier;
}

TierPolicy discoveredTier(const ServiceSpec &service)
{
    TierPolicy tier;
    tier.name = service.name;
    tier.service = service.name;
    tier.queues = service.celeryQueues;
    tier.discovered = true;
    return tier;
}

WorkerInfo live(const QString &hostname, const QString &tierFromPrefix = {})
{
    WorkerInfo w;
    w.hostname = hostname;
    w.tier = tierFromPrefix;
    return w;
}

QString queueTier(const DiscoveredTopology &topology, const QString &queue)
{
    for (const auto &q : topology.queues)
        if (q.queue == queue)
            return q.tier;
    return QStringLiteral("<not sampled>");
}

const TierPolicy *tier(const DiscoveredTopology &topology, const QString &name)
{
    for (const auto &t : topology.tiers)
        if (t.name == name)
            return &t;
    return nullptr;
}

} // namespace

class tst_TierDiscovery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void filesAloneGiveThePolicyTiersAndTheirQueues();
    void aPlainWorkerJoinsTheOnlyDiscoveredServiceWithTheQueuesItConsumes();
    void aWorkerIsPlacedByTheQueuesItConsumes();
    void aWorkerIsPlacedByItsNodeOrContainerName();
    void composeContainerNames_data();
    void composeContainerNames();
    void aWorkerOfNoKnownServiceGetsATierOfItsOwn();
    void declaredQueuesAreSampledWithoutATier();
    void bindingsNameWorkQueuesNotCeleryPlumbing();
    void bindingPatternEscapesTheKeyPrefix();
};

void tst_TierDiscovery::filesAloneGiveThePolicyTiersAndTheirQueues()
{
    PlatformProfile profile;
    profile.services = {worker(QStringLiteral("worker_light"), {QStringLiteral("default"), QStringLiteral("extra")})};
    profile.autoscale.tiers = {policyTier(QStringLiteral("light"), QStringLiteral("worker_light"), {QStringLiteral("default")})};
    const DiscoveredTopology topology = TierDiscovery(profile).fromFiles();
    QCOMPARE(topology.tiers.size(), 1);
    QCOMPARE(queueTier(topology, QStringLiteral("default")), QStringLiteral("light"));
    // A queue the compose command names but the policy does not is still sampled.
    QCOMPARE(queueTier(topology, QStringLiteral("extra")), QString());
}

void tst_TierDiscovery::aPlainWorkerJoinsTheOnlyDiscoveredServiceWithTheQueuesItConsumes()
{
    PlatformProfile profile;
    const ServiceSpec plain = worker(QStringLiteral("worker"));
    profile.services = {plain};
    profile.discoveredTiers = {discoveredTier(plain)};
    QueueConsumers consumers;
    consumers.byWorker.insert(QStringLiteral("celery@3f2a9c1d0b7e"), {QStringLiteral("celery"), QStringLiteral("reports")});
    const DiscoveredTopology topology = TierDiscovery(profile).discover(
        {live(QStringLiteral("celery@3f2a9c1d0b7e")), live(QStringLiteral("celery@77aa00bb11cc"))}, consumers, {});
    QCOMPARE(topology.workerTiers.value(QStringLiteral("celery@3f2a9c1d0b7e")), QStringLiteral("worker"));
    QCOMPARE(topology.workerTiers.value(QStringLiteral("celery@77aa00bb11cc")), QStringLiteral("worker"));
    QCOMPARE(tier(topology, QStringLiteral("worker"))->queues, QStringList({QStringLiteral("celery"), QStringLiteral("reports")}));
    QCOMPARE(queueTier(topology, QStringLiteral("reports")), QStringLiteral("worker"));
    QCOMPARE(topology.tiers.size(), 1);
}

void tst_TierDiscovery::aWorkerIsPlacedByTheQueuesItConsumes()
{
    PlatformProfile profile;
    profile.services = {worker(QStringLiteral("worker_heavy")), worker(QStringLiteral("worker_light"))};
    profile.autoscale.tiers = {policyTier(QStringLiteral("light"), QStringLiteral("worker_light"), {QStringLiteral("default")}),
                               policyTier(QStringLiteral("heavy"), QStringLiteral("worker_heavy"), {QStringLiteral("shap")})};
    QueueConsumers consumers;
    consumers.byWorker.insert(QStringLiteral("celery@abc"), {QStringLiteral("shap")});
    const DiscoveredTopology topology = TierDiscovery(profile).discover({live(QStringLiteral("celery@abc"))}, consumers, {});
    QCOMPARE(topology.workerTiers.value(QStringLiteral("celery@abc")), QStringLiteral("heavy"));
    // A policy tier's queues are the policy's, whatever its workers consume.
    QCOMPARE(tier(topology, QStringLiteral("heavy"))->queues, QStringList{QStringLiteral("shap")});
}

void tst_TierDiscovery::aWorkerIsPlacedByItsNodeOrContainerName()
{
    PlatformProfile profile;
    ServiceSpec reports = worker(QStringLiteral("reports"));
    reports.containerName = QStringLiteral("acme-reports");
    ServiceSpec mail = worker(QStringLiteral("mail"));
    ServiceSpec beat = worker(QStringLiteral("beat"));
    beat.hostname = QStringLiteral("beat-host");
    profile.services = {reports, mail, beat};
    profile.discoveredTiers = {discoveredTier(reports), discoveredTier(mail), discoveredTier(beat)};
    const DiscoveredTopology topology = TierDiscovery(profile).discover(
        {live(QStringLiteral("celery@acme-reports")), live(QStringLiteral("mail@host1")),
         live(QStringLiteral("celery@beat-host")), live(QStringLiteral("celery@acme-mail-2"))},
        {}, {});
    QCOMPARE(topology.workerTiers.value(QStringLiteral("celery@acme-reports")), QStringLiteral("reports"));
    QCOMPARE(topology.workerTiers.value(QStringLiteral("mail@host1")), QStringLiteral("mail"));
    QCOMPARE(topology.workerTiers.value(QStringLiteral("celery@beat-host")), QStringLiteral("beat"));
    QCOMPARE(topology.workerTiers.value(QStringLiteral("celery@acme-mail-2")), QStringLiteral("mail"));
}

void tst_TierDiscovery::composeContainerNames_data()
{
    QTest::addColumn<QString>("hostname");
    QTest::addColumn<QString>("tier");
    QTest::addRow("compose v2") << "celery@acme-mail-1" << "mail";
    QTest::addRow("compose v1") << "celery@acme_mail_12" << "mail";
    QTest::addRow("no project") << "celery@mail-3" << "mail";
    QTest::addRow("longer name ending like the service") << "celery@acme-email-2" << "celery";
    QTest::addRow("no replica number") << "celery@acme-mail-x" << "celery";
    QTest::addRow("separator without number") << "celery@acme-mail-" << "celery";
    QTest::addRow("number only") << "celery@7" << "celery";
}

// Unplaced workers get a tier of their own ("celery", after the node name).
void tst_TierDiscovery::composeContainerNames()
{
    QFETCH(QString, hostname);
    PlatformProfile profile;
    profile.services = {worker(QStringLiteral("mail")), worker(QStringLiteral("reports"))};
    profile.discoveredTiers = {discoveredTier(profile.services[0]), discoveredTier(profile.services[1])};
    const DiscoveredTopology topology = TierDiscovery(profile).discover({live(hostname)}, {}, {});
    QTEST(topology.workerTiers.value(hostname), "tier");
}

void tst_TierDiscovery::aWorkerOfNoKnownServiceGetsATierOfItsOwn()
{
    PlatformProfile profile;
    profile.services = {worker(QStringLiteral("a")), worker(QStringLiteral("b"))};
    profile.discoveredTiers = {discoveredTier(profile.services[0]), discoveredTier(profile.services[1])};
    QueueConsumers consumers;
    consumers.byWorker.insert(QStringLiteral("celery@x1"), {QStringLiteral("celery")});
    const DiscoveredTopology topology = TierDiscovery(profile).discover({live(QStringLiteral("celery@x1"))}, consumers, {});
    QCOMPARE(topology.workerTiers.value(QStringLiteral("celery@x1")), QStringLiteral("celery"));
    const TierPolicy *own = tier(topology, QStringLiteral("celery"));
    QVERIFY(own);
    QVERIFY(own->discovered);
    QVERIFY(own->service.isEmpty());
    QCOMPARE(own->queues, QStringList{QStringLiteral("celery")});
}

void tst_TierDiscovery::declaredQueuesAreSampledWithoutATier()
{
    PlatformProfile profile;
    profile.autoscale.tiers = {policyTier(QStringLiteral("light"), QStringLiteral("worker_light"), {QStringLiteral("default")})};
    const DiscoveredTopology topology = TierDiscovery(profile).discover(
        {}, {}, {QStringLiteral("default"), QStringLiteral("orphans")});
    QCOMPARE(queueTier(topology, QStringLiteral("default")), QStringLiteral("light"));
    QCOMPARE(queueTier(topology, QStringLiteral("orphans")), QString());
    QCOMPARE(topology.queues.size(), 2);
}

void tst_TierDiscovery::bindingsNameWorkQueuesNotCeleryPlumbing()
{
    QCOMPARE(KombuBindings::workQueueOf(QByteArray("reports\x06\x16\x06\x16reports")), QStringLiteral("reports"));
    QCOMPARE(KombuBindings::workQueueOf(QByteArray("rk\x06\x16pat\x06\x16q1")), QStringLiteral("q1"));
    QCOMPARE(KombuBindings::workQueueOf(QByteArray("worker.#\x06\x16\x06\x16" "celeryev.5b1c")), QString());
    QCOMPARE(KombuBindings::workQueueOf(QByteArray("\x06\x16\x06\x16w1@host.celery.pidbox")), QString());
    QCOMPARE(KombuBindings::workQueueOf(QByteArray("u\x06\x16\x06\x16u.reply.celery.pidbox")), QString());
    QCOMPARE(KombuBindings::workQueueOf(QByteArray("not a binding")), QString());
    QCOMPARE(KombuBindings::workQueueOf(QByteArray("a\x06\x16\x06\x16")), QString());
}

void tst_TierDiscovery::bindingPatternEscapesTheKeyPrefix()
{
    QCOMPARE(KombuBindings::keyPattern(QString()), QByteArray("_kombu.binding.*"));
    QCOMPARE(KombuBindings::keyPattern(QStringLiteral("app[1]*:")), QByteArray("app\\[1\\]\\*:_kombu.binding.*"));
}

QTEST_GUILESS_MAIN(tst_TierDiscovery)
#include "tst_TierDiscovery.moc"
