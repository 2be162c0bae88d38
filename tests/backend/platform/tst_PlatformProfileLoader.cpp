#include "platform/ComposeInterpolator.h"
#include "platform/ComposeUnits.h"
#include "platform/PlatformProfileLoader.h"

#include <QFile>
#include <QTest>

using namespace e2i;

namespace {

constexpr double UnitTolerance = 1e-9;

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list.append(QString::fromUtf8(item));
    return list;
}

QString referenceFile(const QString &name)
{
    return QStringLiteral(E2I_SOURCE_DIR "/resources/platform/") + name;
}

QString fixture(const QString &name)
{
    return QStringLiteral(E2I_TEST_DATA_DIR "/platform/") + name;
}

// 1-based line of the first line containing `needle` after the line containing `after`.
int lineOf(const QString &file, const QString &needle, const QString &after = QString())
{
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly))
        return -1;
    const QStringList lines = QString::fromUtf8(input.readAll()).split(u'\n');
    bool searching = after.isEmpty();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (searching && lines[i].contains(needle))
            return static_cast<int>(i + 1);
        if (!searching && lines[i].contains(after))
            searching = true;
    }
    return -1;
}

const Diagnostic *findDiagnostic(const Diagnostics &diagnostics, const QString &field)
{
    for (const Diagnostic &diagnostic : diagnostics) {
        if (diagnostic.field == field)
            return &diagnostic;
    }
    return nullptr;
}

QString dump(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &diagnostic : diagnostics)
        lines.append(diagnostic.toString());
    return lines.join(u'\n');
}

PlatformProfile loadReference()
{
    return PlatformProfileLoader::load(referenceFile(QStringLiteral("docker-compose.yml")),
                                       referenceFile(QStringLiteral("autoscale.yml")), {});
}

PlatformProfile loadFixture(const QString &name, const QHash<QString, QString> &environment = {})
{
    return PlatformProfileLoader::loadCompose(fixture(name), environment);
}

} // namespace

class tst_PlatformProfileLoader : public QObject {
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
    void mergeKeys_data();
    void mergeKeys();
    void interpolationForms_data();
    void interpolationForms();
    void interpolationInComposeFile();
    void requiredVariableIsAnError();
    void healthcheckForms_data();
    void healthcheckForms();
    void portForms();
    void durations_data();
    void durations();
    void memorySizes_data();
    void memorySizes();
    void serviceUnitsVolumesAndShortCelery();
    void wrongTypesNameFileLineAndField_data();
    void wrongTypesNameFileLineAndField();
    void malformedYamlReportsPosition();
    void missingFileIsAnError();
    void autoscaleProblems();
    void realPlatformProbes_data();
    void realPlatformProbes();
    void passwordsAreMaskedInProbesAndCommands();
    void entrypointCeleryIsAWorker();
    void serviceLevelResources_data();
    void serviceLevelResources();
    void deployLimitsWinOverServiceLevel();
    void unsetVariablesAreReportedOnce();
};

void tst_PlatformProfileLoader::referenceFilesImportCompletely()
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

void tst_PlatformProfileLoader::referenceResources_data()
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

void tst_PlatformProfileLoader::referenceResources()
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

void tst_PlatformProfileLoader::referenceHealthProbes_data()
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

void tst_PlatformProfileLoader::referenceHealthProbes()
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

void tst_PlatformProfileLoader::referenceCeleryWorkers()
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

void tst_PlatformProfileLoader::referenceTiers()
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

void tst_PlatformProfileLoader::referenceLinesPointAtTheirValues_data()
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

void tst_PlatformProfileLoader::referenceLinesPointAtTheirValues()
{
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(QString, after);
    const PlatformProfile profile = loadReference();
    const int expected = lineOf(referenceFile(QStringLiteral("autoscale.yml")), text, after);
    QVERIFY(expected > 0);
    QCOMPARE(profile.autoscale.lines.value(field), expected);
}

void tst_PlatformProfileLoader::mergeKeys_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("image");
    QTest::addColumn<int>("replicas");
    QTest::addColumn<double>("cpus");
    QTest::addColumn<double>("memoryGiB");
    QTest::addColumn<QStringList>("command");
    QTest::addRow("map") << "from_map" << "base:1" << 3 << 1.0 << 1.0 << QStringList();
    QTest::addRow("list: earlier map wins") << "from_list" << "extra:1" << 3 << 1.0 << 1.0 << strings({"extra"});
    // An explicit `deploy` replaces the merged one as a whole (merge is one level deep).
    QTest::addRow("explicit key overrides") << "explicit_wins" << "own:1" << 5 << 0.0 << 0.0 << QStringList();
    QTest::addRow("nested merge") << "nested" << "base:1" << 1 << 2.0 << 4.0 << QStringList();
    QTest::addRow("alias not changed by others") << "untouched" << "base:1" << 3 << 1.0 << 1.0 << QStringList();
}

void tst_PlatformProfileLoader::mergeKeys()
{
    QFETCH(QString, service);
    const PlatformProfile profile = loadFixture(QStringLiteral("merge-keys.yml"));
    QVERIFY2(profile.diagnostics.isEmpty(), qPrintable(dump(profile.diagnostics)));
    const ServiceSpec *spec = profile.service(service);
    QVERIFY(spec);
    QTEST(spec->image, "image");
    QTEST(spec->replicas, "replicas");
    QTEST(spec->limits.cpus, "cpus");
    QTEST(spec->limits.memoryGiB, "memoryGiB");
    QTEST(spec->command, "command");
}

void tst_PlatformProfileLoader::interpolationForms_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("unset");
    QTest::addColumn<bool>("fails");
    QTest::addRow("braced") << "a${SET}b" << "avalueb" << QStringList() << false;
    QTest::addRow("bare") << "$SET/x" << "value/x" << QStringList() << false;
    QTest::addRow("colon default, set") << "${SET:-d}" << "value" << QStringList() << false;
    QTest::addRow("colon default, empty") << "${EMPTY:-d}" << "d" << QStringList() << false;
    QTest::addRow("colon default, unset") << "${NOPE:-d}" << "d" << QStringList() << false;
    QTest::addRow("dash default, empty") << "${EMPTY-d}" << "" << QStringList() << false;
    QTest::addRow("dash default, unset") << "${NOPE-d}" << "d" << QStringList() << false;
    QTest::addRow("required, set") << "${SET:?needed}" << "value" << QStringList() << false;
    QTest::addRow("required, empty") << "${EMPTY:?needed}" << "" << QStringList() << true;
    QTest::addRow("required, unset") << "${NOPE:?needed}" << "" << QStringList() << true;
    QTest::addRow("double dollar") << "$$SET and $${SET}" << "$SET and ${SET}" << QStringList() << false;
    QTest::addRow("missing, no default") << "x${NOPE}y$NOPE2" << "xy" << strings({"NOPE", "NOPE2"}) << false;
    QTest::addRow("lone dollar") << "cost $ 5" << "cost $ 5" << QStringList() << false;
    QTest::addRow("unterminated") << "${SET" << "" << QStringList() << true;
}

void tst_PlatformProfileLoader::interpolationForms()
{
    QFETCH(QString, input);
    QFETCH(bool, fails);
    const QHash<QString, QString> environment{{QStringLiteral("SET"), QStringLiteral("value")},
                                              {QStringLiteral("EMPTY"), QString()}};
    const auto result = ComposeInterpolator::interpolate(input, environment);
    QCOMPARE(!result.error.isEmpty(), fails);
    if (fails)
        return;
    QTEST(result.text, "expected");
    QTEST(result.unsetVariables, "unset");
}

void tst_PlatformProfileLoader::interpolationInComposeFile()
{
    const QHash<QString, QString> environment{{QStringLiteral("PLAIN"), QStringLiteral("p")},
                                              {QStringLiteral("WITH_DEFAULT"), QStringLiteral("w")},
                                              {QStringLiteral("EMPTY"), QString()},
                                              {QStringLiteral("TAG"), QStringLiteral("1.2")}};
    const PlatformProfile profile = loadFixture(QStringLiteral("forms.yml"), environment);
    QCOMPARE(profile.service(QStringLiteral("interpolation"))->image,
             QStringLiteral("p-w-empty_default--dash_default-$HOME-"));
    QCOMPARE(profile.service(QStringLiteral("ports_short"))->image, QStringLiteral("docker.io/app:1.2"));
    const Diagnostic *missing = findDiagnostic(profile.diagnostics, QStringLiteral("services.interpolation.image"));
    QVERIFY(missing);
    QCOMPARE(missing->severity, Diagnostic::Severity::Warning);
    QVERIFY(missing->message.contains(QStringLiteral("MISSING")));
    QCOMPARE(missing->line, lineOf(fixture(QStringLiteral("forms.yml")), QStringLiteral("${MISSING}")));
}

void tst_PlatformProfileLoader::requiredVariableIsAnError()
{
    const PlatformProfile without = loadFixture(QStringLiteral("bad-types.yml"));
    const Diagnostic *error = findDiagnostic(without.diagnostics, QStringLiteral("services.good.command[1]"));
    QVERIFY2(error, qPrintable(dump(without.diagnostics)));
    QCOMPARE(error->severity, Diagnostic::Severity::Error);
    QCOMPARE(error->line, lineOf(fixture(QStringLiteral("bad-types.yml")), QStringLiteral("REQUIRED:?")));
    QVERIFY(error->message.contains(QStringLiteral("set REQUIRED to the release")));
    const PlatformProfile with = loadFixture(QStringLiteral("bad-types.yml"), {{QStringLiteral("REQUIRED"), QStringLiteral("r7")}});
    QVERIFY(!findDiagnostic(with.diagnostics, QStringLiteral("services.good.command[1]")));
    QCOMPARE(with.service(QStringLiteral("good"))->command, (strings({"run", "r7"})));
}

void tst_PlatformProfileLoader::healthcheckForms_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<HealthProbe::Kind>("kind");
    QTest::addColumn<int>("containerPort");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("command");
    QTest::addRow("CMD curl") << "health_cmd_curl" << HealthProbe::Kind::Http << 8000 << "/health?deep=1"
                              << "curl -f http://localhost:8000/health?deep=1";
    QTest::addRow("CMD-SHELL curl") << "health_shell_curl" << HealthProbe::Kind::Http << 80 << "/ready"
                                    << "curl -f http://localhost/ready || exit 1";
    QTest::addRow("string wget") << "health_string_wget" << HealthProbe::Kind::Http << 9090 << "/metrics"
                                 << "wget -qO- http://127.0.0.1:9090/metrics";
    QTest::addRow("wget spider https") << "health_wget_spider" << HealthProbe::Kind::Http << 443 << "/status"
                                       << "wget --spider https://localhost/status";
    QTest::addRow("redis-cli -p") << "health_redis" << HealthProbe::Kind::Redis << 6380 << ""
                                  << "redis-cli -p 6380 ping";
    QTest::addRow("NONE") << "health_none" << HealthProbe::Kind::None << 0 << "" << "";
    QTest::addRow("disable") << "health_disabled" << HealthProbe::Kind::None << 0 << "" << "";
    QTest::addRow("other") << "health_other" << HealthProbe::Kind::Unknown << 0 << "" << "pg_isready -U postgres";
}

void tst_PlatformProfileLoader::healthcheckForms()
{
    QFETCH(QString, service);
    const PlatformProfile profile = loadFixture(QStringLiteral("forms.yml"));
    const ServiceSpec *spec = profile.service(service);
    QVERIFY(spec);
    QTEST(spec->health.kind, "kind");
    QTEST(spec->health.containerPort, "containerPort");
    QTEST(spec->health.path, "path");
    QTEST(spec->health.command, "command");
}

void tst_PlatformProfileLoader::portForms()
{
    const PlatformProfile profile = loadFixture(QStringLiteral("forms.yml"));
    const ServiceSpec *spec = profile.service(QStringLiteral("ports_short"));
    QVERIFY(spec);
    QCOMPARE(spec->ports.size(), 5);
    const auto check = [&](int index, const QString &ip, int host, int container, const QString &protocol) {
        const PortMapping &port = spec->ports.at(index);
        return port.hostIp == ip && port.hostPort == host && port.containerPort == container && port.protocol == protocol;
    };
    QVERIFY(check(0, QString(), 6379, 6379, QStringLiteral("tcp")));
    QVERIFY(check(1, QStringLiteral("127.0.0.1"), 8080, 80, QStringLiteral("tcp")));
    QVERIFY(check(2, QString(), 8443, 443, QStringLiteral("udp")));
    QVERIFY(check(3, QString(), 0, 9000, QStringLiteral("tcp")));
    QVERIFY(check(4, QStringLiteral("0.0.0.0"), 15000, 5000, QStringLiteral("tcp")));
    QCOMPARE(spec->publishedPort(9000), std::nullopt);
}

void tst_PlatformProfileLoader::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("seconds");
    QTest::addColumn<bool>("valid");
    QTest::addRow("seconds") << "30s" << 30.0 << true;
    QTest::addRow("minutes and seconds") << "1m30s" << 90.0 << true;
    QTest::addRow("milliseconds") << "500ms" << 0.5 << true;
    QTest::addRow("hours") << "1h" << 3600.0 << true;
    QTest::addRow("fraction") << "1.5s" << 1.5 << true;
    QTest::addRow("no unit") << "30" << 0.0 << false;
    QTest::addRow("junk") << "soon" << 0.0 << false;
    QTest::addRow("trailing junk") << "30sx" << 0.0 << false;
}

void tst_PlatformProfileLoader::durations()
{
    QFETCH(QString, text);
    QFETCH(double, seconds);
    QFETCH(bool, valid);
    const auto parsed = ComposeUnits::durationSeconds(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QVERIFY(qAbs(*parsed - seconds) < UnitTolerance);
}

void tst_PlatformProfileLoader::memorySizes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("gib");
    QTest::addColumn<bool>("valid");
    QTest::addRow("1G") << "1G" << 1.0 << true;
    QTest::addRow("512M") << "512M" << 0.5 << true;
    QTest::addRow("1.5g") << "1.5g" << 1.5 << true;
    QTest::addRow("1024m") << "1024m" << 1.0 << true;
    QTest::addRow("2GiB") << "2GiB" << 2.0 << true;
    QTest::addRow("2gb") << "2gb" << 2.0 << true;
    QTest::addRow("kilobytes") << "1048576k" << 1.0 << true;
    QTest::addRow("plain bytes") << "536870912" << 0.5 << true;
    QTest::addRow("bad unit") << "3 bananas" << 0.0 << false;
    QTest::addRow("negative") << "-1G" << 0.0 << false;
}

void tst_PlatformProfileLoader::memorySizes()
{
    QFETCH(QString, text);
    QFETCH(double, gib);
    QFETCH(bool, valid);
    const auto parsed = ComposeUnits::memoryGiB(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QVERIFY(qAbs(*parsed - gib) < UnitTolerance);
}

void tst_PlatformProfileLoader::serviceUnitsVolumesAndShortCelery()
{
    const PlatformProfile profile = loadFixture(QStringLiteral("forms.yml"));
    const ServiceSpec *units = profile.service(QStringLiteral("units"));
    QVERIFY(units);
    QCOMPARE(units->limits.cpus, 1.5);
    QCOMPARE(units->limits.memoryGiB, 1.5);
    QCOMPARE(units->reservations.cpus, 0.25);
    QCOMPARE(units->reservations.memoryGiB, 2.0);
    QCOMPARE(units->volumes, (strings({"named_data", "long_data"})));
    QCOMPARE(units->celeryQueues, (strings({"alpha", "beta"})));
    QCOMPARE(units->celeryHostnamePrefix, QStringLiteral("batch"));
    QCOMPARE(units->celeryConcurrency, 8);
    const ServiceSpec *memory = profile.service(QStringLiteral("memory_forms"));
    QCOMPARE(memory->limits.memoryGiB, 1.5);
    QCOMPARE(memory->reservations.memoryGiB, 1.0);
    const ServiceSpec *health = profile.service(QStringLiteral("health_cmd_curl"));
    QCOMPARE(health->health.intervalSeconds, 90);
    QCOMPARE(health->health.timeoutSeconds, 1); // 500ms rounds up to whole seconds
}

void tst_PlatformProfileLoader::wrongTypesNameFileLineAndField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("lineText");
    QTest::addColumn<Diagnostic::Severity>("severity");
    QTest::addColumn<QString>("message");
    QTest::addRow("cpus") << "services.api.deploy.resources.limits.cpus" << "cpus: lots"
                          << Diagnostic::Severity::Error << "expected a number, got 'lots'";
    QTest::addRow("memory") << "services.api.deploy.resources.limits.memory" << "memory: 3 bananas"
                            << Diagnostic::Severity::Error << "got '3 bananas'";
    QTest::addRow("replicas") << "services.api.deploy.replicas" << "replicas: many"
                              << Diagnostic::Severity::Error << "expected an integer, got 'many'";
    QTest::addRow("port") << "services.api.ports[0]" << "not-a-port" << Diagnostic::Severity::Error << "not-a-port";
    QTest::addRow("interval") << "services.api.healthcheck.interval" << "interval: soon"
                              << Diagnostic::Severity::Error << "got 'soon'";
    QTest::addRow("unknown deploy key") << "services.api.deploy.surprise" << "surprise:"
                                        << Diagnostic::Severity::Warning << "unknown key";
    QTest::addRow("unknown service key") << "services.api.colour" << "colour:"
                                         << Diagnostic::Severity::Warning << "unknown key";
}

void tst_PlatformProfileLoader::wrongTypesNameFileLineAndField()
{
    QFETCH(QString, field);
    QFETCH(QString, lineText);
    QFETCH(QString, message);
    const QString file = fixture(QStringLiteral("bad-types.yml"));
    const PlatformProfile profile = PlatformProfileLoader::loadCompose(file, {});
    const Diagnostic *diagnostic = findDiagnostic(profile.diagnostics, field);
    QVERIFY2(diagnostic, qPrintable(dump(profile.diagnostics)));
    QCOMPARE(diagnostic->file, file);
    QCOMPARE(diagnostic->line, lineOf(file, lineText));
    QTEST(diagnostic->severity, "severity");
    QVERIFY2(diagnostic->message.contains(message), qPrintable(diagnostic->message));
    // The rest of the file is still read.
    QCOMPARE(profile.services.size(), 2);
    QCOMPARE(profile.service(QStringLiteral("api"))->image, QStringLiteral("api:1"));
    QCOMPARE(profile.service(QStringLiteral("api"))->health.kind, HealthProbe::Kind::Http);
}

void tst_PlatformProfileLoader::malformedYamlReportsPosition()
{
    const QString file = fixture(QStringLiteral("malformed.yml"));
    const PlatformProfile profile = PlatformProfileLoader::loadCompose(file, {});
    QCOMPARE(profile.diagnostics.size(), 1);
    const Diagnostic &error = profile.diagnostics.first();
    QCOMPARE(error.severity, Diagnostic::Severity::Error);
    QCOMPARE(error.file, file);
    // yaml-cpp notices the unclosed flow list where the next key starts.
    QCOMPARE(error.line, lineOf(file, QStringLiteral("other:")));
    QVERIFY(error.column > 0);
    QVERIFY(error.message.startsWith(QStringLiteral("invalid YAML")));
}

void tst_PlatformProfileLoader::missingFileIsAnError()
{
    const QString file = fixture(QStringLiteral("does-not-exist.yml"));
    const PlatformProfile profile = PlatformProfileLoader::load(file, file, {});
    QCOMPARE(profile.diagnostics.size(), 2);
    for (const Diagnostic &diagnostic : profile.diagnostics) {
        QCOMPARE(diagnostic.severity, Diagnostic::Severity::Error);
        QCOMPARE(diagnostic.file, file);
    }
}

void tst_PlatformProfileLoader::autoscaleProblems()
{
    const QString file = fixture(QStringLiteral("autoscale-bad.yml"));
    const PlatformProfile profile =
        PlatformProfileLoader::load(referenceFile(QStringLiteral("docker-compose.yml")), file, {});
    const auto expect = [&](const QString &field, Diagnostic::Severity severity, const QString &lineText,
                            const QString &after = QString()) -> QString {
        const Diagnostic *diagnostic = findDiagnostic(profile.diagnostics, field);
        if (!diagnostic)
            return QStringLiteral("no diagnostic for ") + field;
        if (diagnostic->severity != severity || diagnostic->file != file || diagnostic->line != lineOf(file, lineText, after))
            return QStringLiteral("unexpected: ") + diagnostic->toString();
        return QString();
    };
    QCOMPARE(expect(QStringLiteral("poll_interval_seconds"), Diagnostic::Severity::Error, QStringLiteral("often")), QString());
    QCOMPARE(expect(QStringLiteral("speed"), Diagnostic::Severity::Warning, QStringLiteral("speed:")), QString());
    QCOMPARE(expect(QStringLiteral("tiers.light.min_replicas"), Diagnostic::Severity::Error, QStringLiteral("min_replicas: -1")), QString());
    QCOMPARE(expect(QStringLiteral("tiers.ghost.surge"), Diagnostic::Severity::Warning, QStringLiteral("surge:")), QString());
    QCOMPARE(expect(QStringLiteral("tiers.ghost.service"), Diagnostic::Severity::Error, QStringLiteral("no_such_service")), QString());
    // What could be read is kept.
    QCOMPARE(profile.autoscale.dryRun, true);
    QCOMPARE(profile.autoscale.tiers.size(), 2);
    QCOMPARE(profile.autoscale.tier(QStringLiteral("ghost"))->scaleUpThreshold, 5.0);
    QCOMPARE(profile.autoscale.lines.value(QStringLiteral("tiers.ghost.scale_up_threshold")),
             lineOf(file, QStringLiteral("scale_up_threshold: 5")));
}

namespace {

PlatformProfile loadProbes()
{
    return loadFixture(QStringLiteral("probes.yml"), {{QStringLiteral("DB_PASSWORD"), QStringLiteral("hunter2")},
                                                      {QStringLiteral("API_PASSWORD"), QStringLiteral("pa55")},
                                                      {QStringLiteral("REDIS_PASSWORD"), QStringLiteral("r3dis")}});
}

} // namespace

void tst_PlatformProfileLoader::realPlatformProbes_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<HealthProbe::Kind>("kind");
    QTest::addColumn<int>("containerPort");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("tcpConnect");
    QTest::addRow("URL without scheme") << "scheme_less" << HealthProbe::Kind::Http << 3000 << "/health" << false;
    QTest::addRow("--noproxy's value is not the URL") << "noproxy_word" << HealthProbe::Kind::Http << 4000 << "/api/health" << false;
    QTest::addRow("valkey-cli ping") << "valkey_cli" << HealthProbe::Kind::Redis << 6379 << "" << false;
    QTest::addRow("keydb-cli -p ping") << "keydb_cli" << HealthProbe::Kind::Redis << 6380 << "" << false;
    QTest::addRow("valkey image, no check") << "valkey_image" << HealthProbe::Kind::Redis << 6379 << "" << false;
    QTest::addRow("redis-stack image, no check") << "redis_stack_image" << HealthProbe::Kind::Redis << 6379 << "" << false;
    QTest::addRow("redis image, unpublished") << "redis_unpublished" << HealthProbe::Kind::None << 0 << "" << false;
    QTest::addRow("pg_isready -> tcp") << "postgres_tcp" << HealthProbe::Kind::Unknown << 5432 << "" << true;
    QTest::addRow("mysqladmin -> tcp") << "mysql_tcp" << HealthProbe::Kind::Unknown << 3306 << "" << true;
    QTest::addRow("python script -> tcp") << "python_tcp" << HealthProbe::Kind::Unknown << 8000 << "" << true;
    QTest::addRow("celery inspect, unpublished") << "celery_unpublished" << HealthProbe::Kind::Unknown << 0 << "" << false;
    QTest::addRow("URL with password") << "curl_userinfo" << HealthProbe::Kind::Http << 8001 << "/health" << false;
    QTest::addRow("redis-cli -a ping") << "redis_auth" << HealthProbe::Kind::Redis << 6379 << "" << false;
}

void tst_PlatformProfileLoader::realPlatformProbes()
{
    QFETCH(QString, service);
    const PlatformProfile profile = loadProbes();
    QVERIFY2(!hasErrors(profile.diagnostics), qPrintable(dump(profile.diagnostics)));
    const ServiceSpec *spec = profile.service(service);
    QVERIFY(spec);
    QTEST(spec->health.kind, "kind");
    QTEST(spec->health.containerPort, "containerPort");
    QTEST(spec->health.path, "path");
    QTEST(spec->health.tcpConnect, "tcpConnect");
    if (spec->health.tcpConnect)
        QVERIFY(spec->health.note.contains(QStringLiteral("tcp open")));
}

void tst_PlatformProfileLoader::passwordsAreMaskedInProbesAndCommands()
{
    const PlatformProfile profile = loadProbes();
    QCOMPARE(profile.service(QStringLiteral("mysql_tcp"))->health.command,
             QStringLiteral("mysqladmin ping -h localhost -u root -p***"));
    QCOMPARE(profile.service(QStringLiteral("curl_userinfo"))->health.url,
             QStringLiteral("http://admin:***@localhost:8001/health"));
    QCOMPARE(profile.service(QStringLiteral("curl_userinfo"))->health.command,
             QStringLiteral("curl -f http://admin:***@localhost:8001/health"));
    QCOMPARE(profile.service(QStringLiteral("redis_auth"))->health.command,
             QStringLiteral("redis-cli -a *** ping | grep PONG"));
    QCOMPARE(profile.service(QStringLiteral("pg_env_password"))->command,
             strings({"sh", "-c", "PGPASSWORD=*** psql -h db -U app --password ***"}));
    for (const ServiceSpec &service : profile.services) {
        const QString shown = service.health.command + service.health.url + service.command.join(u' ');
        for (const char *secret : {"hunter2", "pa55", "r3dis"})
            QVERIFY2(!shown.contains(QLatin1String(secret)), qPrintable(service.name + u' ' + shown));
    }
}

void tst_PlatformProfileLoader::entrypointCeleryIsAWorker()
{
    const PlatformProfile profile = loadProbes(); // spec points into it
    const ServiceSpec *spec = profile.service(QStringLiteral("entrypoint_celery"));
    QVERIFY(spec);
    QCOMPARE(spec->celeryQueues, strings({"fast", "slow"}));
    QCOMPARE(spec->celeryHostnamePrefix, QStringLiteral("fast"));
}

void tst_PlatformProfileLoader::serviceLevelResources_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<double>("limitCpus");
    QTest::addColumn<double>("limitGiB");
    QTest::addColumn<double>("reservedCpus");
    QTest::addColumn<double>("reservedGiB");
    QTest::addColumn<QString>("source");
    QTest::addRow("cpus/mem_limit/mem_reservation") << "service_level" << 1.5 << 2.0 << 0.0 << 0.5 << "cpus/mem_limit";
    QTest::addRow("deploy wins") << "deploy_wins" << 2.0 << 4.0 << 0.0 << 0.0 << "deploy.resources.limits";
    QTest::addRow("reservations only") << "reservations_only" << 0.0 << 0.0 << 0.5 << 1.0 << "";
}

void tst_PlatformProfileLoader::serviceLevelResources()
{
    QFETCH(QString, service);
    const PlatformProfile profile = loadProbes(); // spec points into it
    const ServiceSpec *spec = profile.service(service);
    QVERIFY(spec);
    QFETCH(double, limitCpus);
    QFETCH(double, limitGiB);
    QFETCH(double, reservedCpus);
    QFETCH(double, reservedGiB);
    QVERIFY(qAbs(spec->limits.cpus - limitCpus) < UnitTolerance);
    QVERIFY(qAbs(spec->limits.memoryGiB - limitGiB) < UnitTolerance);
    QVERIFY(qAbs(spec->reservations.cpus - reservedCpus) < UnitTolerance);
    QVERIFY(qAbs(spec->reservations.memoryGiB - reservedGiB) < UnitTolerance);
    QTEST(spec->limitsSource, "source");
}

void tst_PlatformProfileLoader::deployLimitsWinOverServiceLevel()
{
    const PlatformProfile profile = loadProbes();
    const Diagnostic *warning = findDiagnostic(profile.diagnostics, QStringLiteral("services.deploy_wins.cpus"));
    QVERIFY2(warning, qPrintable(dump(profile.diagnostics)));
    QCOMPARE(warning->severity, Diagnostic::Severity::Warning);
    QCOMPARE(warning->line, lineOf(fixture(QStringLiteral("probes.yml")), QStringLiteral("cpus: \"1\"")));
}

// x-common is merged into three services: one warning per variable, with every line.
void tst_PlatformProfileLoader::unsetVariablesAreReportedOnce()
{
    const PlatformProfile profile = loadProbes();
    QStringList unset;
    for (const Diagnostic &d : profile.diagnostics) {
        if (d.message.contains(QStringLiteral("is not set")))
            unset.append(d.message);
    }
    QCOMPARE(unset.size(), 2);
    const QString file = fixture(QStringLiteral("probes.yml"));
    const int imageLine = lineOf(file, QStringLiteral("image: app:${UNSET_TAG}"));
    const int commandLine = lineOf(file, QStringLiteral("command: echo ${UNSET_TAG}"));
    QVERIFY2(unset.contains(QStringLiteral("variable UNSET_TAG is not set; using an empty string (5 use(s), line(s) %1, %2)")
                                .arg(imageLine).arg(commandLine)), qPrintable(unset.join(u'\n')));
    QVERIFY2(unset.contains(QStringLiteral("variable UNSET_LEVEL is not set; using an empty string (4 use(s), line(s) %1)")
                                .arg(lineOf(file, QStringLiteral("LOG_LEVEL: ${UNSET_LEVEL}")))), qPrintable(unset.join(u'\n')));
}

QTEST_GUILESS_MAIN(tst_PlatformProfileLoader)
#include "tst_PlatformProfileLoader.moc"
