// How console.yml and the platform flags become what the monitor watches, for the
// hostile-input cases: a password on the command line and an unreadable redis_url
// must stop the environment rather than be used or quietly replaced.
#include "session/BackupSettingsResolver.h"
#include "session/PlatformResolver.h"

#include <QFile>
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

private:
    QString writeConfig(const QByteArray &redisUrlLine);
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

QTEST_GUILESS_MAIN(tst_PlatformResolver)
#include "tst_PlatformResolver.moc"
