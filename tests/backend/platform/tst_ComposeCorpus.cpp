// Public compose files of Celery/Redis projects (tests/data/compose, sources in its
// README): each parses without errors, and the services, ports, probes, profiles
// and .env the console derives from it are the ones read by hand from the file.
#include "cost/ServicePricingBasis.h"
#include "platform/ComposeEnvironment.h"
#include "platform/PlatformProfileLoader.h"

#include <QTest>

using namespace e2i;

namespace {

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list.append(QString::fromUtf8(item));
    return list;
}

QString corpusFile(const QString &name)
{
    return QStringLiteral(E2I_TEST_DATA_DIR "/compose/") + name;
}

PlatformProfile load(const QString &name, const QHash<QString, QString> &shell = {},
                     const QStringList &envFiles = {}, const QStringList &profiles = {})
{
    return PlatformProfileLoader::loadComposeWith(corpusFile(name), ComposeEnvironmentOptions{shell, envFiles, profiles});
}

QString dump(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines.append(d.toString());
    return lines.join(u'\n');
}

int countContaining(const Diagnostics &diagnostics, const QString &text)
{
    return static_cast<int>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                          [&](const Diagnostic &d) { return d.message.contains(text); }));
}

QStringList names(const PlatformProfile &profile)
{
    QStringList list;
    for (const ServiceSpec &service : profile.services)
        list.append(service.name);
    return list;
}

} // namespace

class tst_ComposeCorpus : public QObject {
    Q_OBJECT
private slots:
    void everyFileParsesWithoutErrors_data();
    void everyFileParsesWithoutErrors();
    void airflow();
    void airflowProfiles();
    void superset();
    void mastodon();
    void netbox();
    void saleor();
    void flower();
    void authentikReadsItsDotEnv();
    void authentikWithoutSecretsFails();
    void sentryAtFullSize();
    void sentryProbes();
    void sentryErrorsOnlyProfile();
};

void tst_ComposeCorpus::everyFileParsesWithoutErrors_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("services");
    QTest::addColumn<int>("warnings");
    QTest::addRow("airflow") << "airflow/docker-compose.yaml" << 9 << 1; // AIRFLOW_UID unset, once
    QTest::addRow("superset") << "superset/docker-compose-non-dev.yml" << 6 << 0;
    QTest::addRow("mastodon") << "mastodon/docker-compose.yml" << 5 << 0;
    QTest::addRow("netbox") << "netbox/docker-compose.yml" << 5 << 0;
    QTest::addRow("saleor") << "saleor/docker-compose.yml" << 8 << 0;
    QTest::addRow("flower") << "flower/docker-compose.yml" << 5 << 0;
    QTest::addRow("authentik") << "authentik/docker-compose.yml" << 4 << 0;
    QTest::addRow("sentry") << "sentry/docker-compose.yml" << 59 << 0;
}

void tst_ComposeCorpus::everyFileParsesWithoutErrors()
{
    QFETCH(QString, file);
    const PlatformProfile profile = load(file);
    QVERIFY2(!hasErrors(profile.diagnostics), qPrintable(dump(profile.diagnostics)));
    QTEST(static_cast<int>(profile.services.size()), "services");
    QTEST(static_cast<int>(profile.diagnostics.size()), "warnings");
}

void tst_ComposeCorpus::airflow()
{
    const PlatformProfile profile = load(QStringLiteral("airflow/docker-compose.yaml"));
    QCOMPARE(countContaining(profile.diagnostics, QStringLiteral("AIRFLOW_UID")), 1);
    const ServiceSpec *web = profile.service(QStringLiteral("airflow-webserver"));
    QCOMPARE(web->health.kind, HealthProbe::Kind::Http);
    QCOMPARE(web->health.containerPort, 8080);
    QCOMPARE(web->health.path, QStringLiteral("/health"));
    QCOMPARE(web->publishedPort(8080), 8080);
    QCOMPARE(web->image, QStringLiteral("apache/airflow:|version|"));
    const ServiceSpec *redis = profile.service(QStringLiteral("redis"));
    QCOMPARE(redis->health.kind, HealthProbe::Kind::Redis);
    QCOMPARE(redis->publishedPort(6379), std::nullopt); // `expose` only
    const ServiceSpec *postgres = profile.service(QStringLiteral("postgres"));
    QCOMPARE(postgres->health.kind, HealthProbe::Kind::Unknown);
    QVERIFY(!postgres->health.tcpConnect); // nothing published to connect to
    const ServiceSpec *worker = profile.service(QStringLiteral("airflow-worker"));
    QCOMPARE(worker->health.kind, HealthProbe::Kind::Unknown);
    QVERIFY(worker->health.command.contains(QStringLiteral("inspect ping")));
    // `airflow celery worker` without -Q / -n is a worker; its queues are found live.
    QVERIFY(worker->isCeleryWorker());
    QVERIFY(worker->celeryQueues.isEmpty());
}

void tst_ComposeCorpus::airflowProfiles()
{
    const PlatformProfile plain = load(QStringLiteral("airflow/docker-compose.yaml"));
    QVERIFY(!plain.service(QStringLiteral("flower"))->active);
    QCOMPARE(plain.service(QStringLiteral("flower"))->inactiveReason, QStringLiteral("profile flower is not active"));
    QVERIFY(!plain.service(QStringLiteral("airflow-cli"))->active);
    QVERIFY(plain.service(QStringLiteral("airflow-worker"))->active);

    // The file's own comment: "docker-compose --profile flower up".
    const PlatformProfile withFlower = load(QStringLiteral("airflow/docker-compose.yaml"), {}, {},
                                            {QStringLiteral("flower")});
    const ServiceSpec *flower = withFlower.service(QStringLiteral("flower"));
    QVERIFY(flower->active);
    QCOMPARE(flower->health.kind, HealthProbe::Kind::Http);
    QCOMPARE(flower->publishedPort(5555), 5555);
    QVERIFY(!withFlower.service(QStringLiteral("airflow-cli"))->active);

    const PlatformProfile fromEnv = load(QStringLiteral("airflow/docker-compose.yaml"),
                                         {{QStringLiteral("COMPOSE_PROFILES"), QStringLiteral("debug,flower")}});
    QVERIFY(fromEnv.service(QStringLiteral("airflow-cli"))->active);
    QVERIFY(fromEnv.service(QStringLiteral("flower"))->active);
}

void tst_ComposeCorpus::superset()
{
    const PlatformProfile profile = load(QStringLiteral("superset/docker-compose-non-dev.yml"));
    QCOMPARE(names(profile), strings({"redis", "db", "superset", "superset-init", "superset-worker",
                                          "superset-worker-beat"}));
    // Redis is not published: no PING the console could send.
    QCOMPARE(profile.service(QStringLiteral("redis"))->health.kind, HealthProbe::Kind::None);
    QCOMPARE(profile.service(QStringLiteral("superset"))->publishedPort(8088), 8088);
    QCOMPARE(profile.service(QStringLiteral("superset-init"))->health.kind, HealthProbe::Kind::None); // disable: true
    const ServiceSpec *worker = profile.service(QStringLiteral("superset-worker"));
    QCOMPARE(worker->health.kind, HealthProbe::Kind::Unknown);
    QCOMPARE(worker->health.command,
             QStringLiteral("celery -A superset.tasks.celery_app:app inspect ping -d celery@$HOSTNAME"));
    QVERIFY(profile.volumes.contains(QStringLiteral("superset_home")));
}

void tst_ComposeCorpus::mastodon()
{
    const PlatformProfile profile = load(QStringLiteral("mastodon/docker-compose.yml"));
    // `curl -s --noproxy localhost localhost:3000/health`: a URL without a scheme.
    const ServiceSpec *web = profile.service(QStringLiteral("web"));
    QCOMPARE(web->health.kind, HealthProbe::Kind::Http);
    QCOMPARE(web->health.containerPort, 3000);
    QCOMPARE(web->health.path, QStringLiteral("/health"));
    QCOMPARE(web->publishedPort(3000), 3000);
    QCOMPARE(web->ports.first().hostIp, QStringLiteral("127.0.0.1"));
    const ServiceSpec *streaming = profile.service(QStringLiteral("streaming"));
    QCOMPARE(streaming->health.kind, HealthProbe::Kind::Http);
    QCOMPARE(streaming->health.containerPort, 4000);
    QCOMPARE(streaming->health.path, QStringLiteral("/api/v1/streaming/health"));
    QCOMPARE(profile.service(QStringLiteral("redis"))->health.kind, HealthProbe::Kind::Redis);
    QCOMPARE(profile.service(QStringLiteral("db"))->health.kind, HealthProbe::Kind::Unknown);
    QCOMPARE(profile.service(QStringLiteral("sidekiq"))->health.kind, HealthProbe::Kind::Unknown);
}

void tst_ComposeCorpus::netbox()
{
    const PlatformProfile profile = load(QStringLiteral("netbox/docker-compose.yml"));
    const ServiceSpec *nginx = profile.service(QStringLiteral("nginx"));
    QCOMPARE(nginx->ports.size(), 1);
    QCOMPARE(nginx->ports.first().containerPort, 8080);
    QCOMPARE(nginx->ports.first().hostPort, 0); // "8080": an ephemeral host port
    QCOMPARE(profile.service(QStringLiteral("netbox"))->image, QStringLiteral("ninech/netbox:latest")); // ${VERSION-latest}
    const ServiceSpec *worker = profile.service(QStringLiteral("netbox-worker"));
    QCOMPARE(worker->command, QStringList{QStringLiteral("rqworker")});
    QVERIFY(!worker->isCeleryWorker());
    QCOMPARE(profile.service(QStringLiteral("redis"))->health.kind, HealthProbe::Kind::None); // unpublished
}

void tst_ComposeCorpus::saleor()
{
    const PlatformProfile profile = load(QStringLiteral("saleor/docker-compose.yml"));
    // A Redis image with no health check but a published port: PING through it.
    const ServiceSpec *redis = profile.service(QStringLiteral("redis"));
    QCOMPARE(redis->health.kind, HealthProbe::Kind::Redis);
    QCOMPARE(redis->health.containerPort, 6379);
    QCOMPARE(redis->publishedPort(6379), 9104);
    QCOMPARE(profile.service(QStringLiteral("api"))->publishedPort(8000), 9100);
    const ServiceSpec *jaeger = profile.service(QStringLiteral("jaeger"));
    QCOMPARE(jaeger->ports.size(), 7);
    QCOMPARE(jaeger->ports.first().protocol, QStringLiteral("udp"));
    const ServiceSpec *worker = profile.service(QStringLiteral("worker"));
    QCOMPARE(worker->command.first(), QStringLiteral("celery"));
    QVERIFY(worker->isCeleryWorker()); // a plain `celery ... worker`: no -Q / -n, queues found live
    QVERIFY(worker->celeryHostnamePrefix.isEmpty());
    // Nothing has limits: every service is unpriced, none silently.
    for (const ServiceSpec &service : profile.services)
        QVERIFY(service.limitsSource.isEmpty());
}

void tst_ComposeCorpus::flower()
{
    const PlatformProfile profile = load(QStringLiteral("flower/docker-compose.yml"));
    const ServiceSpec *redis = profile.service(QStringLiteral("redis"));
    QCOMPARE(redis->health.kind, HealthProbe::Kind::Redis);
    QCOMPARE(redis->publishedPort(6379), 6379);
    QCOMPARE(profile.service(QStringLiteral("flower"))->publishedPort(5555), 5555);
    QCOMPARE(profile.service(QStringLiteral("grafana"))->health.kind, HealthProbe::Kind::None);
    QCOMPARE(profile.service(QStringLiteral("worker"))->command,
             strings({"-A", "tasks", "worker", "-l", "info", "-E"}));
}

void tst_ComposeCorpus::authentikReadsItsDotEnv()
{
    const PlatformProfile profile = load(QStringLiteral("authentik/docker-compose.yml"));
    QVERIFY2(!hasErrors(profile.diagnostics), qPrintable(dump(profile.diagnostics)));
    QCOMPARE(profile.envFiles, QStringList{corpusFile(QStringLiteral("authentik/.env"))});
    const ServiceSpec *server = profile.service(QStringLiteral("server"));
    QCOMPARE(server->publishedPort(9000), 9080); // export COMPOSE_PORT_HTTP=9080
    QCOMPARE(server->publishedPort(9443), 8443); // ${PORT_PREFIX}43, with an inline comment
    QCOMPARE(server->image, QStringLiteral("ghcr.io/goauthentik/server:2025.2.4"));
    QCOMPARE(profile.service(QStringLiteral("redis"))->health.kind, HealthProbe::Kind::Redis);
    QCOMPARE(profile.service(QStringLiteral("postgresql"))->health.command,
             QStringLiteral("pg_isready -d ${POSTGRES_DB} -U ${POSTGRES_USER}"));

    // The shell wins over .env.
    const PlatformProfile shell = load(QStringLiteral("authentik/docker-compose.yml"),
                                       {{QStringLiteral("COMPOSE_PORT_HTTP"), QStringLiteral("7000")}});
    QCOMPARE(shell.service(QStringLiteral("server"))->publishedPort(9000), 7000);

    Diagnostics diagnostics;
    const ComposeEnvironment env = ComposeEnvironment::resolve(corpusFile(QStringLiteral("authentik/docker-compose.yml")),
                                                               {}, diagnostics);
    QCOMPARE(env.variables.value(QStringLiteral("PG_PASS")), QStringLiteral("s3cret pg pass"));
    QCOMPARE(env.variables.value(QStringLiteral("AUTHENTIK_SECRET_KEY")), QStringLiteral("literal-$KEY-not-interpolated"));
}

void tst_ComposeCorpus::authentikWithoutSecretsFails()
{
    const PlatformProfile profile = load(QStringLiteral("authentik/docker-compose.yml"), {},
                                         {corpusFile(QStringLiteral("authentik/no-secrets.env"))});
    QVERIFY(hasErrors(profile.diagnostics));
    QVERIFY2(countContaining(profile.diagnostics, QStringLiteral("required variable PG_PASS is not set")) >= 1,
             qPrintable(dump(profile.diagnostics)));
}

// Sentry self-hosted: 59 services, the platform the dashboard's layout must hold.
void tst_ComposeCorpus::sentryAtFullSize()
{
    const PlatformProfile profile = load(QStringLiteral("sentry/docker-compose.yml"));
    // .env: COMPOSE_PROFILES=feature-complete; the three errors-only services are not started.
    QStringList inactive;
    for (const ServiceSpec &service : profile.services)
        if (!service.active)
            inactive.append(service.name);
    QCOMPARE(inactive, strings({"web-errors-only", "nginx-errors-only", "relay-errors-only"}));
    QCOMPARE(profile.service(QStringLiteral("web-errors-only"))->inactiveReason,
             QStringLiteral("profile errors-only is not active"));
    // Long names are kept whole; six services share "subscription-consumer-".
    QVERIFY(profile.service(QStringLiteral("snuba-generic-metrics-distributions-consumer")));
    QVERIFY(profile.service(QStringLiteral("snuba-subscription-consumer-transactions")));
    QVERIFY(profile.service(QStringLiteral("subscription-consumer-generic-metrics")));
    // Merge keys over merge keys: web gets the feature-complete defaults, which merge the plain ones.
    const ServiceSpec *web = profile.service(QStringLiteral("web"));
    QCOMPARE(web->image, QStringLiteral("sentry-self-hosted-local"));
    QCOMPARE(web->command.mid(web->command.size() - 2), strings({"run", "web"}));
    QCOMPARE(profile.service(QStringLiteral("snuba-api"))->image, QStringLiteral("ghcr.io/getsentry/snuba:nightly"));
    QCOMPARE(profile.service(QStringLiteral("memcached"))->command, strings({"-I", "1M"}));
    QCOMPARE(profile.service(QStringLiteral("postgres"))->command.last(), QStringLiteral("max_connections=100"));
    // Sentry's workers are `sentry run worker` behind its entrypoint, not a celery
    // command: no worker service in the files, tiers only from live workers.
    for (const ServiceSpec &service : profile.services)
        QVERIFY2(!service.isCeleryWorker(), qPrintable(service.name));
    QVERIFY(profile.discoveredTiers.isEmpty());
    // No limits or reservations anywhere: each service says so, inactive ones that they do not run.
    QCOMPARE(ServicePricingBasis::of(*profile.service(QStringLiteral("kafka"))).reason,
             QStringLiteral("no limits: not priced"));
    QCOMPARE(ServicePricingBasis::of(*profile.service(QStringLiteral("relay-errors-only"))).reason,
             QStringLiteral("not started (profile errors-only)"));
    for (const ServiceSpec &service : profile.services)
        QVERIFY2(!ServicePricingBasis::of(service).isPriced(), qPrintable(service.name));
}

void tst_ComposeCorpus::sentryProbes()
{
    const PlatformProfile profile = load(QStringLiteral("sentry/docker-compose.yml"));
    const ServiceSpec *redis = profile.service(QStringLiteral("redis"));
    QCOMPARE(redis->health.kind, HealthProbe::Kind::Redis);
    QCOMPARE(redis->publishedPort(6379), std::nullopt); // only on the compose network
    // `http_proxy='' wget ... || exit 1` (a list with comments inside) is kept whole
    // as a command; port 8123 is unpublished, so no probe could reach it anyway.
    QCOMPARE(profile.service(QStringLiteral("clickhouse"))->health.command,
             QStringLiteral("http_proxy='' wget -nv -t1 --spider 'http://localhost:8123/' || exit 1"));
    // Checks the console cannot run, on ports nothing publishes: no TCP connect either.
    for (const char *name : {"postgres", "kafka", "zookeeper", "memcached", "web", "clickhouse"}) {
        const ServiceSpec *service = profile.service(QString::fromLatin1(name));
        QCOMPARE(service->health.kind, HealthProbe::Kind::Unknown);
        QVERIFY2(!service->health.tcpConnect, name);
    }
    QVERIFY(profile.service(QStringLiteral("web"))->health.command.contains(QStringLiteral("/dev/tcp/127.0.0.1/9000")));
    // "$SENTRY_BIND:80/tcp" with SENTRY_BIND=9000 from .env.
    QCOMPARE(profile.service(QStringLiteral("nginx"))->publishedPort(80), 9000);
    QCOMPARE(profile.service(QStringLiteral("nginx"))->health.kind, HealthProbe::Kind::None);
}

void tst_ComposeCorpus::sentryErrorsOnlyProfile()
{
    // `--profile errors-only` replaces the .env's COMPOSE_PROFILES.
    const PlatformProfile profile = load(QStringLiteral("sentry/docker-compose.yml"), {}, {},
                                         {QStringLiteral("errors-only")});
    QVERIFY(profile.service(QStringLiteral("web-errors-only"))->active);
    QVERIFY(!profile.service(QStringLiteral("web"))->active);
    QVERIFY(!profile.service(QStringLiteral("snuba-spans-consumer"))->active);
    QVERIFY(profile.service(QStringLiteral("snuba-errors-consumer"))->active); // no profile: always started
    int active = 0;
    for (const ServiceSpec &service : profile.services)
        active += service.active ? 1 : 0;
    QCOMPARE(active, 24 + 3); // the 24 services of no profile and the 3 errors-only ones; 32 feature-complete off
}

QTEST_GUILESS_MAIN(tst_ComposeCorpus)
#include "tst_ComposeCorpus.moc"
