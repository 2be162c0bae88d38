// How console.yml and the platform flags become what the monitor watches: which
// config file, which environment, which compose/autoscale files, docker host and
// Redis URL (flags over console.yml over defaults), the password from its
// secret source, and the one-line errors when the platform cannot be watched.
// The hostile-input cases: a password on the command line and an unreadable
// redis_url must stop the environment rather than be used or quietly replaced.
#include "session/BackupSettingsResolver.h"
#include "session/PlatformResolver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace e2i;

namespace {

const QString Secret = QStringLiteral("Hunter2Secret");

QString referenceCompose()
{
    return QStringLiteral(E2I_SOURCE_DIR "/resources/platform/docker-compose.yml");
}

QString dump(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &diagnostic : diagnostics)
        lines.append(diagnostic.toString());
    return lines.join(u'\n');
}

} // namespace

class tst_PlatformResolver : public QObject {
    Q_OBJECT
private slots:
    void init();
    void redisFlagWithoutPasswordIsUsed();
    void redisFlagWithPasswordIsRefused_data();
    void redisFlagWithPasswordIsRefused();
    void invalidConfiguredRedisUrlFailsTheEnvironment_data();
    void invalidConfiguredRedisUrlFailsTheEnvironment();
    void redisFlagReplacesAnInvalidConfiguredUrl();
    void configPathFlagThenVariableThenDefault();
    void nothingGivenNeedsAComposeFile();
    void unknownEnvironmentNamesTheConfiguredOnes_data();
    void unknownEnvironmentNamesTheConfiguredOnes();
    void envFlagOverridesTheDefaultEnvironment();
    void flagsOverrideTheEnvironment();
    void autoscaleFileFoundBesideTheComposeFile();
    void withoutAutoscaleFileTiersAreDiscovered();
    void redisUrlDefaultsToThePublishedPort_data();
    void redisUrlDefaultsToThePublishedPort();
    void passwordFromTheNamedVariable();
    void unsetPasswordVariableFailsTheEnvironment();

private:
    QString writeConfig(const QByteArray &redisUrlLine);
    QString writeFile(const QString &name, const QByteArray &content);
    PlatformArguments arguments() const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_PlatformResolver::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString tst_PlatformResolver::writeConfig(const QByteArray &redisUrlLine)
{
    const QString path = m_dir->filePath(QStringLiteral("console.yml"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write("default_environment: staging\nenvironments:\n  staging:\n    compose_file: " + referenceCompose().toUtf8()
               + "\n    " + redisUrlLine + "\n");
    return path;
}

PlatformArguments tst_PlatformResolver::arguments() const
{
    PlatformArguments args;
    args.configFile = m_dir->filePath(QStringLiteral("console.yml"));
    args.composeFile = referenceCompose();
    return args;
}

void tst_PlatformResolver::redisFlagWithoutPasswordIsUsed()
{
    QVERIFY(!writeConfig("docker_host: 127.0.0.1").isEmpty());
    PlatformArguments args = arguments();
    args.redisUrl = QStringLiteral("redis://ops@10.1.2.3:6390/4");
    const ResolvedPlatform resolved = PlatformResolver::resolve(args);
    QVERIFY2(resolved.options, qPrintable(resolved.error));
    QCOMPARE(resolved.options->redis.url.redacted(), QStringLiteral("redis://ops@10.1.2.3:6390/4"));
}

void tst_PlatformResolver::redisFlagWithPasswordIsRefused_data()
{
    QTest::addColumn<QString>("url");
    QTest::addRow("password only") << QStringLiteral("redis://:%1@127.0.0.1/0").arg(Secret);
    QTest::addRow("user and password") << QStringLiteral("redis://ops:%1@127.0.0.1:6379/0").arg(Secret);
}

void tst_PlatformResolver::redisFlagWithPasswordIsRefused()
{
    QFETCH(QString, url);
    QVERIFY(!writeConfig("docker_host: 127.0.0.1").isEmpty());
    PlatformArguments args = arguments();
    args.redisUrl = url;
    const ResolvedPlatform resolved = PlatformResolver::resolve(args);
    QVERIFY(!resolved.options);
    QVERIFY2(resolved.error.contains(QStringLiteral("--redis")), qPrintable(resolved.error));
    QVERIFY2(resolved.error.contains(QStringLiteral("password_env")), qPrintable(resolved.error));
    QVERIFY(!resolved.error.contains(Secret));
    // Backups resolve through the same path and must refuse too.
    const ResolvedBackupSettings backup = BackupSettingsResolver::resolve(args, m_dir->filePath(QStringLiteral("none.yml")), QString());
    QVERIFY(!backup.settings);
    QVERIFY(!backup.error.isEmpty());
}

void tst_PlatformResolver::invalidConfiguredRedisUrlFailsTheEnvironment_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addRow("wrong scheme") << QByteArray("redis_url: http://10.0.0.5:6379/0");
    QTest::addRow("bad port") << QByteArray("redis_url: redis://10.0.0.5:notaport/0");
    QTest::addRow("a list") << QByteArray("redis_url: [redis://10.0.0.5]");
    QTest::addRow("empty") << QByteArray("redis_url: ''");
}

void tst_PlatformResolver::invalidConfiguredRedisUrlFailsTheEnvironment()
{
    QFETCH(QByteArray, line);
    const QString config = writeConfig(line);
    QVERIFY(!config.isEmpty());
    PlatformArguments args = arguments();
    args.composeFile.clear(); // from the environment
    const ResolvedPlatform resolved = PlatformResolver::resolve(args);
    QVERIFY2(!resolved.options, qPrintable(resolved.options ? resolved.options->redis.url.redacted() : QString()));
    QVERIFY2(resolved.error.contains(QStringLiteral("redis_url")), qPrintable(resolved.error));
    QVERIFY(resolved.error.contains(QStringLiteral("staging")));
    QVERIFY2(hasErrors(resolved.diagnostics), qPrintable(dump(resolved.diagnostics)));
    QCOMPARE(resolved.diagnostics.first().field, QStringLiteral("environments.staging.redis_url"));
    QCOMPARE(resolved.diagnostics.first().line, 5);

    const ResolvedBackupSettings backup = BackupSettingsResolver::resolve(args, m_dir->filePath(QStringLiteral("none.yml")), QString());
    QVERIFY(!backup.settings);
    QVERIFY2(backup.error.contains(QStringLiteral("redis_url")), qPrintable(backup.error));
}

void tst_PlatformResolver::redisFlagReplacesAnInvalidConfiguredUrl()
{
    QVERIFY(!writeConfig("redis_url: http://10.0.0.5:6379/0").isEmpty());
    PlatformArguments args = arguments();
    args.redisUrl = QStringLiteral("redis://10.1.2.3:6390/1");
    const ResolvedPlatform resolved = PlatformResolver::resolve(args);
    QVERIFY2(resolved.options, qPrintable(resolved.error));
    QCOMPARE(resolved.options->redis.url.redacted(), QStringLiteral("redis://10.1.2.3:6390/1"));
}

QString tst_PlatformResolver::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir->filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return path;
}

void tst_PlatformResolver::configPathFlagThenVariableThenDefault()
{
    PlatformArguments args;
    qunsetenv("E2I_CONSOLE_CONFIG");
    QCOMPARE(PlatformResolver::configPath(args),
             QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/e2i-console/console.yml"));
    qputenv("E2I_CONSOLE_CONFIG", "/srv/e2i/console.yml");
    QCOMPARE(PlatformResolver::configPath(args), QStringLiteral("/srv/e2i/console.yml"));
    args.configFile = QStringLiteral("/etc/e2i/console.yml");
    QCOMPARE(PlatformResolver::configPath(args), QStringLiteral("/etc/e2i/console.yml"));
    qunsetenv("E2I_CONSOLE_CONFIG");
}

void tst_PlatformResolver::nothingGivenNeedsAComposeFile()
{
    PlatformArguments args;
    args.configFile = writeFile(QStringLiteral("empty.yml"), "{}\n");
    const ResolvedPlatform resolved = PlatformResolver::resolve(args);
    QVERIFY(!resolved.options);
    QCOMPARE(resolved.environment.name, QStringLiteral("local"));
    QCOMPARE(resolved.error, QStringLiteral("no compose file: pass --compose FILE or choose an environment with --env"));
}

void tst_PlatformResolver::unknownEnvironmentNamesTheConfiguredOnes_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QString>("error");
    QTest::addRow("two configured") << QByteArray("environments:\n  staging:\n    docker_host: 10.0.0.1\n  prod:\n    docker_host: 10.0.0.2\n")
                                    << QStringLiteral("unknown environment 'stagin' (configured: staging, prod)");
    QTest::addRow("none configured") << QByteArray("{}\n") << QStringLiteral("unknown environment 'stagin' (configured: none)");
}

void tst_PlatformResolver::unknownEnvironmentNamesTheConfiguredOnes()
{
    QFETCH(QByteArray, config);
    QFETCH(QString, error);
    PlatformArguments args = arguments();
    args.configFile = writeFile(QStringLiteral("console.yml"), config);
    args.environment = QStringLiteral("stagin");
    const ResolvedPlatform resolved = PlatformResolver::resolve(args);
    QVERIFY(!resolved.options);
    QCOMPARE(resolved.error, error);
}

void tst_PlatformResolver::envFlagOverridesTheDefaultEnvironment()
{
    const QByteArray compose = referenceCompose().toUtf8();
    PlatformArguments args;
    args.configFile = writeFile(QStringLiteral("console.yml"),
                                "default_environment: staging\nenvironments:\n  staging:\n    compose_file: " + compose
                                    + "\n    docker_host: 10.0.0.1\n  prod:\n    compose_file: " + compose
                                    + "\n    docker_host: 10.0.0.2\n");
    ResolvedPlatform resolved = PlatformResolver::resolve(args);
    QVERIFY2(resolved.options, qPrintable(resolved.error));
    QCOMPARE(resolved.options->environment, QStringLiteral("staging"));
    QCOMPARE(resolved.options->dockerHost, QStringLiteral("10.0.0.1"));
    args.environment = QStringLiteral("prod");
    resolved = PlatformResolver::resolve(args);
    QVERIFY2(resolved.options, qPrintable(resolved.error));
    QCOMPARE(resolved.options->environment, QStringLiteral("prod"));
    QCOMPARE(resolved.options->dockerHost, QStringLiteral("10.0.0.2"));
    QVERIFY(resolved.environment.production); // named prod
}

void tst_PlatformResolver::flagsOverrideTheEnvironment()
{
    const QString otherCompose = writeFile(QStringLiteral("other/docker-compose.yml"),
                                           "services:\n  redis:\n    image: redis:7\n    ports: [\"6390:6379\"]\n");
    QVERIFY(!writeConfig("docker_host: 10.0.0.1").isEmpty());
    PlatformArguments args = arguments();
    args.composeFile = otherCompose;
    args.dockerHost = QStringLiteral("10.9.8.7");
    const ResolvedPlatform resolved = PlatformResolver::resolve(args);
    QVERIFY2(resolved.options, qPrintable(resolved.error));
    QCOMPARE(resolved.environment.composeFile, otherCompose);
    QCOMPARE(resolved.options->dockerHost, QStringLiteral("10.9.8.7"));
    QVERIFY(resolved.options->profile.service(QStringLiteral("redis")));
    QVERIFY(!resolved.options->profile.service(QStringLiteral("api"))); // not the environment's compose file
    QCOMPARE(resolved.options->redis.url.redacted(), QStringLiteral("redis://10.9.8.7:6390/0"));
}

// The platform repository keeps docker/docker-compose.yml beside config/autoscale.yml.
void tst_PlatformResolver::autoscaleFileFoundBesideTheComposeFile()
{
    QFile compose(referenceCompose());
    QFile autoscale(QStringLiteral(E2I_SOURCE_DIR "/resources/platform/autoscale.yml"));
    QVERIFY(compose.open(QIODevice::ReadOnly) && autoscale.open(QIODevice::ReadOnly));
    PlatformArguments args;
    args.configFile = writeFile(QStringLiteral("console.yml"), "{}\n");
    args.composeFile = writeFile(QStringLiteral("platform/docker/docker-compose.yml"), compose.readAll());
    const QString sibling = writeFile(QStringLiteral("platform/config/autoscale.yml"), autoscale.readAll());
    const ResolvedPlatform resolved = PlatformResolver::resolve(args);
    QVERIFY2(resolved.options, qPrintable(resolved.error));
    QCOMPARE(resolved.environment.autoscaleFile, sibling);
    for (const Diagnostic &d : resolved.diagnostics)
        QVERIFY2(!d.message.contains(QStringLiteral("no autoscale file")), qPrintable(d.toString()));
}

void tst_PlatformResolver::withoutAutoscaleFileTiersAreDiscovered()
{
    QFile compose(referenceCompose());
    QVERIFY(compose.open(QIODevice::ReadOnly));
    PlatformArguments args;
    args.configFile = writeFile(QStringLiteral("console.yml"), "{}\n");
    args.composeFile = writeFile(QStringLiteral("alone/docker-compose.yml"), compose.readAll());
    const ResolvedPlatform resolved = PlatformResolver::resolve(args);
    QVERIFY2(resolved.options, qPrintable(resolved.error));
    QVERIFY(resolved.environment.autoscaleFile.isEmpty());
    bool warned = false;
    for (const Diagnostic &d : resolved.diagnostics)
        warned |= d.severity == Diagnostic::Severity::Warning && d.file == args.composeFile
            && d.message.contains(QStringLiteral("no autoscale file given or found at ../config/autoscale.yml"));
    QVERIFY2(warned, qPrintable(dump(resolved.diagnostics)));
    QVERIFY(!resolved.options->profile.watchedTiers().isEmpty());
    for (const TierPolicy &tier : resolved.options->profile.watchedTiers())
        QVERIFY2(tier.discovered, qPrintable(tier.name));
}

void tst_PlatformResolver::redisUrlDefaultsToThePublishedPort_data()
{
    QTest::addColumn<QByteArray>("compose");
    QTest::addColumn<QString>("url");
    QTest::addRow("published elsewhere") << QByteArray("services:\n  redis:\n    image: redis:7\n    ports: [\"6390:6379\"]\n")
                                         << QStringLiteral("redis://10.9.8.7:6390/0");
    QTest::addRow("not published") << QByteArray("services:\n  redis:\n    image: redis:7\n")
                                   << QStringLiteral("redis://10.9.8.7:6379/0");
    QTest::addRow("no redis service") << QByteArray("services:\n  api:\n    image: nginx\n")
                                      << QStringLiteral("redis://10.9.8.7:6379/0");
}

void tst_PlatformResolver::redisUrlDefaultsToThePublishedPort()
{
    QFETCH(QByteArray, compose);
    QFETCH(QString, url);
    PlatformArguments args;
    args.configFile = writeFile(QStringLiteral("console.yml"), "{}\n");
    args.composeFile = writeFile(QStringLiteral("c/docker-compose.yml"), compose);
    args.dockerHost = QStringLiteral("10.9.8.7");
    const ResolvedPlatform resolved = PlatformResolver::resolve(args);
    QVERIFY2(resolved.options, qPrintable(resolved.error));
    QCOMPARE(resolved.options->redis.url.redacted(), url);
}

void tst_PlatformResolver::passwordFromTheNamedVariable()
{
    QVERIFY(!writeConfig("password_env: E2I_TEST_REDIS_PASSWORD").isEmpty());
    qputenv("E2I_TEST_REDIS_PASSWORD", Secret.toUtf8());
    const ResolvedPlatform resolved = PlatformResolver::resolve(arguments());
    qunsetenv("E2I_TEST_REDIS_PASSWORD");
    QVERIFY2(resolved.options, qPrintable(resolved.error));
    QCOMPARE(resolved.options->redis.password, Secret);
    QVERIFY(!resolved.options->redis.url.redacted().contains(Secret));
}

void tst_PlatformResolver::unsetPasswordVariableFailsTheEnvironment()
{
    QVERIFY(!writeConfig("password_env: E2I_TEST_UNSET_PASSWORD").isEmpty());
    qunsetenv("E2I_TEST_UNSET_PASSWORD");
    const ResolvedPlatform resolved = PlatformResolver::resolve(arguments());
    QVERIFY(!resolved.options);
    QCOMPARE(resolved.error,
             QStringLiteral("environment 'staging': the variable E2I_TEST_UNSET_PASSWORD named by password_env is not set"));
}

QTEST_GUILESS_MAIN(tst_PlatformResolver)
#include "tst_PlatformResolver.moc"
