// The reference platform files (resources/platform) read completely and exactly.
#include "ProfileTestSupport.h"

#include <QTest>

using namespace e2i;
using namespace e2i::profiletest;

class tst_ReferenceProfile : public QObject {
    Q_OBJECT
private slots:
    void referenceFilesImportCompletely();
    void referenceResources_data();
    void referenceResources();
    void referenceHealthProbes_data();
    void referenceHealthProbes();
    void referenceCeleryWorkers();
    void referenceTiers();
    void referenceLinesPointAtTheirValues_data();
    void referenceLinesPointAtTheirValues();
};

void tst_ReferenceProfile::referenceFilesImportCompletely()
{
    const PlatformProfile profile = loadReference();
    QVERIFY2(profile.diagnostics.isEmpty(), qPrintable(dump(profile.diagnostics)));
    QCOMPARE(profile.projectName, QStringLiteral("e2i"));
    QCOMPARE(profile.services.size(), 12);
    QCOMPARE(profile.autoscale.tiers.size(), 3);
    QCOMPARE(profile.allQueues().size(), 9);
    QCOMPARE(profile.volumes.size(), 6);
    QCOMPARE(profile.autoscale.pollIntervalSeconds, 15);
    QCOMPARE(profile.autoscale.dryRun, false);
    QCOMPARE(profile.autoscale.redisUrl, QStringLiteral("redis://redis:6379/0"));
    QCOMPARE(profile.autoscale.composeFile, QStringLiteral("docker/docker-compose.yml"));
    const ServiceSpec *redis = profile.service(QStringLiteral("redis"));
    QVERIFY(redis);
    QCOMPARE(redis->image, QStringLiteral("redis:7.2-alpine"));
    QCOMPARE(redis->publishedPort(6379), std::optional<int>(6379));
    QCOMPARE(redis->volumes, QStringList{QStringLiteral("redis_data")});
    QCOMPARE(profile.service(QStringLiteral("falkordb"))->publishedPort(6379), std::optional<int>(6381));
    QCOMPARE(profile.service(QStringLiteral("frontend"))->publishedPort(80), std::optional<int>(8080));
}

void tst_ReferenceProfile::referenceResources_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<double>("limitCpus");
    QTest::addColumn<double>("limitGiB");
    QTest::addColumn<double>("reservedCpus");
    QTest::addColumn<double>("reservedGiB");
    QTest::addColumn<int>("replicas");
    QTest::addColumn<QStringList>("profiles");
    // Values as written in resources/platform/docker-compose.yml.
    QTest::addRow("redis") << "redis" << 1.0 << 1.0 << 0.0 << 0.0 << 1 << QStringList();
    QTest::addRow("bentoml") << "bentoml" << 2.0 << 4.0 << 0.0 << 0.0 << 1 << QStringList();
    QTest::addRow("worker_light") << "worker_light" << 2.0 << 2.0 << 0.0 << 0.0 << 2 << QStringList();
    QTest::addRow("worker_medium") << "worker_medium" << 4.0 << 8.0 << 0.0 << 0.0 << 1 << QStringList();
    QTest::addRow("worker_heavy") << "worker_heavy" << 16.0 << 32.0 << 8.0 << 16.0 << 0 << strings({"heavy"});
    QTest::addRow("scheduler") << "scheduler" << 0.5 << 0.5 << 0.0 << 0.0 << 1 << QStringList();
}

void tst_ReferenceProfile::referenceResources()
{
    QFETCH(QString, service);
    const PlatformProfile profile = loadReference();
    const ServiceSpec *spec = profile.service(service);
    QVERIFY(spec);
    QTEST(spec->limits.cpus, "limitCpus");
    QTEST(spec->limits.memoryGiB, "limitGiB");
    QTEST(spec->reservations.cpus, "reservedCpus");
    QTEST(spec->reservations.memoryGiB, "reservedGiB");
    QTEST(spec->replicas, "replicas");
    QTEST(spec->profiles, "profiles");
}

void tst_ReferenceProfile::referenceHealthProbes_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<HealthProbe::Kind>("kind");
    QTest::addColumn<int>("containerPort");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("intervalSeconds");
    QTest::addColumn<int>("timeoutSeconds");
    QTest::addRow("redis") << "redis" << HealthProbe::Kind::Redis << 6379 << "" << 10 << 5;
    QTest::addRow("mlflow") << "mlflow" << HealthProbe::Kind::Http << 5000 << "/health" << 30 << 10;
    QTest::addRow("bentoml") << "bentoml" << HealthProbe::Kind::Http << 3000 << "/healthz" << 30 << 10;
    QTest::addRow("api") << "api" << HealthProbe::Kind::Http << 8000 << "/health" << 15 << 5;
    QTest::addRow("frontend wget") << "frontend" << HealthProbe::Kind::Http << 80 << "/health" << 30 << 5;
    QTest::addRow("worker from merge") << "worker_light" << HealthProbe::Kind::Unknown << 0 << "" << 30 << 10;
    QTest::addRow("scheduler has none") << "scheduler" << HealthProbe::Kind::None << 0 << "" << 30 << 30;
}

void tst_ReferenceProfile::referenceHealthProbes()
{
    QFETCH(QString, service);
    const PlatformProfile profile = loadReference();
    const ServiceSpec *spec = profile.service(service);
    QVERIFY(spec);
    QTEST(spec->health.kind, "kind");
    QTEST(spec->health.containerPort, "containerPort");
    QTEST(spec->health.path, "path");
    QTEST(spec->health.intervalSeconds, "intervalSeconds");
    QTEST(spec->health.timeoutSeconds, "timeoutSeconds");
}

void tst_ReferenceProfile::referenceCeleryWorkers()
{
    const PlatformProfile profile = loadReference();
    const ServiceSpec *heavy = profile.service(QStringLiteral("worker_heavy"));
    QVERIFY(heavy && heavy->isCeleryWorker());
    QCOMPARE(heavy->celeryQueues, (strings({"shap", "causal", "ml", "twins"})));
    QCOMPARE(heavy->celeryHostnamePrefix, QStringLiteral("heavy"));
    QCOMPARE(heavy->celeryConcurrency, 2);
    const ServiceSpec *light = profile.service(QStringLiteral("worker_light"));
    QCOMPARE(light->celeryQueues, (strings({"default", "quick", "api"})));
    QCOMPARE(light->celeryHostnamePrefix, QStringLiteral("light"));
    QCOMPARE(light->celeryConcurrency, 4);
    // $$ in the compose file is a literal $ in the command the container runs.
    QVERIFY2(light->health.command.contains(QStringLiteral("-d $CELERY_HOSTNAME")), qPrintable(light->health.command));
    QVERIFY(!profile.service(QStringLiteral("scheduler"))->isCeleryWorker());
}

void tst_ReferenceProfile::referenceTiers()
{
    const PlatformProfile profile = loadReference();
    const TierPolicy *light = profile.autoscale.tier(QStringLiteral("light"));
    const TierPolicy *medium = profile.autoscale.tier(QStringLiteral("medium"));
    const TierPolicy *heavy = profile.autoscale.tier(QStringLiteral("heavy"));
    QVERIFY(light && medium && heavy);
    QCOMPARE(light->minReplicas, 2);
    QCOMPARE(light->maxReplicas, 4);
    QCOMPARE(light->scaleUpThreshold, 20.0);
    QCOMPARE(light->scaleDownCooldownSeconds, 300); // from defaults
    QCOMPARE(medium->scaleUpThreshold, 10.0);        // from defaults
    QCOMPARE(medium->queues, (strings({"analytics", "reports"})));
    QCOMPARE(heavy->service, QStringLiteral("worker_heavy"));
    QCOMPARE(heavy->scaleDownThreshold, 0.5);
    QCOMPARE(heavy->scaleUpStep, 2);
    QCOMPARE(heavy->scaleDownStep, 1); // from defaults
    QCOMPARE(heavy->scaleDownCooldownSeconds, 600);
    QCOMPARE(profile.autoscale.tierForQueue(QStringLiteral("twins")), heavy);
    QCOMPARE(profile.autoscale.tierForQueue(QStringLiteral("nowhere")), nullptr);
}

void tst_ReferenceProfile::referenceLinesPointAtTheirValues_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("after");
    QTest::addRow("top level") << "poll_interval_seconds" << "poll_interval_seconds:" << "";
    QTest::addRow("explicit tier key") << "tiers.heavy.min_replicas" << "min_replicas:" << "heavy:";
    QTest::addRow("override of a default") << "tiers.heavy.scale_up_threshold" << "scale_up_threshold:" << "heavy:";
    QTest::addRow("merged key points into defaults") << "tiers.medium.scale_up_threshold" << "scale_up_threshold:" << "defaults:";
    QTest::addRow("merged cooldown") << "tiers.light.scale_up_cooldown_seconds" << "scale_up_cooldown_seconds:" << "defaults:";
    QTest::addRow("queues") << "tiers.medium.queues" << "queues:" << "medium:";
}

void tst_ReferenceProfile::referenceLinesPointAtTheirValues()
{
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(QString, after);
    const PlatformProfile profile = loadReference();
    const int expected = lineOf(referenceFile(QStringLiteral("autoscale.yml")), text, after);
    QVERIFY(expected > 0);
    QCOMPARE(profile.autoscale.lines.value(field), expected);
}

QTEST_GUILESS_MAIN(tst_ReferenceProfile)
#include "tst_ReferenceProfile.moc"
