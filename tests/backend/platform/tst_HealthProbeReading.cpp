// Health probes read from healthcheck: forms, real platforms' probe commands, masked secrets.
#include "ProfileTestSupport.h"

#include <QTest>

using namespace e2i;
using namespace e2i::profiletest;

class tst_HealthProbeReading : public QObject {
    Q_OBJECT
private slots:
    void healthcheckForms_data();
    void healthcheckForms();
    void realPlatformProbes_data();
    void realPlatformProbes();
    void passwordsAreMaskedInProbesAndCommands();
    void entrypointCeleryIsAWorker();
};

void tst_HealthProbeReading::healthcheckForms_data()
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

void tst_HealthProbeReading::healthcheckForms()
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

void tst_HealthProbeReading::realPlatformProbes_data()
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

void tst_HealthProbeReading::realPlatformProbes()
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

void tst_HealthProbeReading::passwordsAreMaskedInProbesAndCommands()
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

void tst_HealthProbeReading::entrypointCeleryIsAWorker()
{
    const PlatformProfile profile = loadProbes(); // spec points into it
    const ServiceSpec *spec = profile.service(QStringLiteral("entrypoint_celery"));
    QVERIFY(spec);
    QCOMPARE(spec->celeryQueues, strings({"fast", "slow"}));
    QCOMPARE(spec->celeryHostnamePrefix, QStringLiteral("fast"));
    // No autoscale tier names it: a discovered tier, judged against the replicas compose starts.
    const PlatformProfile withTiers = PlatformProfileLoader::load(fixture(QStringLiteral("probes.yml")), QString(), {});
    const auto tier = std::find_if(withTiers.discoveredTiers.cbegin(), withTiers.discoveredTiers.cend(),
                                   [](const TierPolicy &t) { return t.service == u"entrypoint_celery"; });
    QVERIFY(tier != withTiers.discoveredTiers.cend());
    QCOMPARE(tier->composeReplicas, 0);
}

QTEST_GUILESS_MAIN(tst_HealthProbeReading)
#include "tst_HealthProbeReading.moc"
