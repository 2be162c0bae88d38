// Which backup settings an environment gets (BackupSettingsResolver): backup.yml
// from the --config-style argument, else the environment's backup_config, else
// $XDG_CONFIG_HOME/e2i-console/backup-<env>.yml; the directory from the
// argument, else that file, else $XDG_DATA_HOME/e2i-console/backups/<env>;
// default targets from the compose file; and the one-line errors.
#include "session/BackupSettingsResolver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace e2i;

namespace {

QString referenceCompose()
{
    return QStringLiteral(E2I_SOURCE_DIR "/resources/platform/docker-compose.yml");
}

} // namespace

class tst_BackupSettingsResolver : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void configFileChosenInOrder_data();
    void configFileChosenInOrder();
    void directoryChosenInOrder();
    void defaultTargetsFromTheComposeFile();
    void withoutComposeFileOnlyConfiguredTargets();
    void configWithErrorsIsRefused();
    void unknownEnvironmentGivesThePlatformError();

private:
    QString writeFile(const QString &name, const QByteArray &content);
    PlatformArguments arguments(const QByteArray &environmentLines);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_BackupSettingsResolver::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    qputenv("XDG_CONFIG_HOME", m_dir->filePath(QStringLiteral("xdg-config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_dir->filePath(QStringLiteral("xdg-data")).toUtf8());
}

void tst_BackupSettingsResolver::cleanup()
{
    qunsetenv("XDG_CONFIG_HOME");
    qunsetenv("XDG_DATA_HOME");
}

QString tst_BackupSettingsResolver::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir->filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return path;
}

// console.yml with the one environment "staging", its compose file the reference one.
PlatformArguments tst_BackupSettingsResolver::arguments(const QByteArray &environmentLines)
{
    PlatformArguments args;
    args.configFile = writeFile(QStringLiteral("console.yml"),
                                "default_environment: staging\nenvironments:\n  staging:\n    compose_file: "
                                    + referenceCompose().toUtf8() + "\n" + environmentLines);
    return args;
}

void tst_BackupSettingsResolver::configFileChosenInOrder_data()
{
    QTest::addColumn<bool>("explicitFile");
    QTest::addColumn<bool>("configured");
    QTest::addColumn<QString>("directory"); // says which file was read
    QTest::addRow("explicit over configured") << true << true << QStringLiteral("/srv/from-explicit");
    QTest::addRow("configured over default") << false << true << QStringLiteral("/srv/from-configured");
    QTest::addRow("the default") << false << false << QStringLiteral("/srv/from-default");
}

void tst_BackupSettingsResolver::configFileChosenInOrder()
{
    QFETCH(bool, explicitFile);
    QFETCH(bool, configured);
    QFETCH(QString, directory);
    const QString explicitPath = writeFile(QStringLiteral("explicit.yml"), "directory: /srv/from-explicit\n");
    const QString configuredPath = writeFile(QStringLiteral("configured.yml"), "directory: /srv/from-configured\n");
    const QString defaultPath = BackupSettingsResolver::defaultConfigPath(QStringLiteral("staging"));
    QCOMPARE(defaultPath, m_dir->filePath(QStringLiteral("xdg-config/e2i-console/backup-staging.yml")));
    QVERIFY(!writeFile(QStringLiteral("xdg-config/e2i-console/backup-staging.yml"), "directory: /srv/from-default\n").isEmpty());

    const PlatformArguments args = arguments(configured ? "    backup_config: " + configuredPath.toUtf8() + "\n" : QByteArray());
    const ResolvedBackupSettings resolved =
        BackupSettingsResolver::resolve(args, explicitFile ? explicitPath : QString(), QString());
    QVERIFY2(resolved.settings, qPrintable(resolved.error));
    QCOMPARE(resolved.settings->directory, directory);
    QCOMPARE(resolved.settings->environment, QStringLiteral("staging"));
}

void tst_BackupSettingsResolver::directoryChosenInOrder()
{
    const PlatformArguments args = arguments({});
    const QString withDirectory = writeFile(QStringLiteral("with.yml"), "directory: /srv/configured\n");
    const QString without = writeFile(QStringLiteral("without.yml"), "keep_per_target: 3\n");

    ResolvedBackupSettings resolved = BackupSettingsResolver::resolve(args, withDirectory, QStringLiteral("/srv/flag"));
    QVERIFY2(resolved.settings, qPrintable(resolved.error));
    QCOMPARE(resolved.settings->directory, QStringLiteral("/srv/flag"));

    resolved = BackupSettingsResolver::resolve(args, withDirectory, QString());
    QCOMPARE(resolved.settings->directory, QStringLiteral("/srv/configured"));

    resolved = BackupSettingsResolver::resolve(args, without, QString());
    QCOMPARE(resolved.settings->directory, m_dir->filePath(QStringLiteral("xdg-data/e2i-console/backups/staging")));
    QCOMPARE(resolved.settings->keepPerTarget, 3);
}

void tst_BackupSettingsResolver::defaultTargetsFromTheComposeFile()
{
    const QByteArray user = qgetenv("USER");
    qputenv("USER", "operator7");
    const ResolvedBackupSettings resolved =
        BackupSettingsResolver::resolve(arguments({}), m_dir->filePath(QStringLiteral("missing.yml")), QString());
    qputenv("USER", user);
    QVERIFY2(resolved.settings, qPrintable(resolved.error));
    QCOMPARE(resolved.settings->user, QStringLiteral("operator7"));
    QVERIFY(!resolved.settings->production);
    // The reference compose file's redis has a `redis-cli ping` health check.
    QVERIFY(resolved.settings->target(QStringLiteral("redis")));
    QCOMPARE(resolved.settings->target(QStringLiteral("redis"))->kind, BackupTarget::Kind::RedisRdb);
}

// An environment that cannot be watched (no compose file) can still be backed up
// with targets from its backup.yml.
void tst_BackupSettingsResolver::withoutComposeFileOnlyConfiguredTargets()
{
    PlatformArguments args;
    args.configFile = writeFile(QStringLiteral("console.yml"), "environments:\n  prod:\n    docker_host: 10.0.0.2\n");
    args.environment = QStringLiteral("prod");
    const ResolvedBackupSettings resolved =
        BackupSettingsResolver::resolve(args, m_dir->filePath(QStringLiteral("missing.yml")), QString());
    QVERIFY2(resolved.settings, qPrintable(resolved.error));
    QVERIFY(resolved.settings->targets.isEmpty());
    QVERIFY(resolved.settings->production);
    QVERIFY(resolved.error.isEmpty());
}

void tst_BackupSettingsResolver::configWithErrorsIsRefused()
{
    const QString bad = writeFile(QStringLiteral("bad.yml"), "keep_per_target: many\n");
    const ResolvedBackupSettings resolved = BackupSettingsResolver::resolve(arguments({}), bad, QString());
    QVERIFY(!resolved.settings);
    QCOMPARE(resolved.error, QStringLiteral("fix %1 first").arg(bad));
    bool named = false;
    for (const Diagnostic &d : resolved.diagnostics)
        named |= d.file == bad && d.field == QStringLiteral("keep_per_target") && d.line == 1;
    QVERIFY(named);
}

void tst_BackupSettingsResolver::unknownEnvironmentGivesThePlatformError()
{
    PlatformArguments args = arguments({});
    args.environment = QStringLiteral("stagin");
    const ResolvedBackupSettings resolved =
        BackupSettingsResolver::resolve(args, m_dir->filePath(QStringLiteral("missing.yml")), QString());
    QVERIFY(!resolved.settings);
    QCOMPARE(resolved.error, QStringLiteral("unknown environment 'stagin' (configured: staging)"));
}

QTEST_GUILESS_MAIN(tst_BackupSettingsResolver)
#include "tst_BackupSettingsResolver.moc"
