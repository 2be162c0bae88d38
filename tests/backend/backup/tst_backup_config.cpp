// backup.yml over the compose-derived defaults: overrides, additions, and bad
// fields reported with file, line and field (never the password).
#include "backup/BackupConfigLoader.h"
#include "backup/BackupTargetDefaults.h"

#include <QDir>
#include <QTest>

using namespace e2i;

namespace {

QString fixture(const char *name)
{
    return QStringLiteral(E2I_TEST_DATA_DIR "/backup/") + QLatin1String(name);
}

BackupSettings defaultsWithRedis()
{
    PlatformProfile profile;
    ServiceSpec redis;
    redis.name = QStringLiteral("redis");
    redis.health.kind = HealthProbe::Kind::Redis;
    redis.volumes = {QStringLiteral("redis_data")};
    ServiceSpec falkordb;
    falkordb.name = QStringLiteral("falkordb");
    falkordb.health.kind = HealthProbe::Kind::Redis;
    falkordb.health.containerPort = 6379;
    falkordb.ports = {PortMapping{QString(), 6381, 6379, QStringLiteral("tcp")}};
    falkordb.volumes = {QStringLiteral("falkordb_data")};
    profile.services = {redis, falkordb};
    profile.volumes = {QStringLiteral("redis_data"), QStringLiteral("falkordb_data"), QStringLiteral("mlflow_data")};
    RedisEndpoint platformRedis;
    platformRedis.url.port = 6379;
    BackupSettings settings;
    settings.targets = BackupTargetDefaults::fromProfile(profile, QStringLiteral("10.0.0.5"), platformRedis);
    return settings;
}

QString joined(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines.append(d.toString());
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class tst_backup_config : public QObject
{
    Q_OBJECT
private slots:
    void defaultsFollowTheComposeFile()
    {
        const BackupSettings settings = defaultsWithRedis();
        QStringList names;
        for (const BackupTarget &t : settings.targets)
            names.append(t.name);
        // Redis data volumes are covered by their RDB, not archived live.
        QCOMPARE(names, (QStringList{QStringLiteral("redis"), QStringLiteral("falkordb"), QStringLiteral("mlflow_data")}));
        QCOMPARE(settings.target(QStringLiteral("falkordb"))->redis.url.host, QStringLiteral("10.0.0.5"));
        QCOMPARE(settings.target(QStringLiteral("falkordb"))->redis.url.port, 6381);
        const BackupTarget *volume = settings.target(QStringLiteral("mlflow_data"));
        QCOMPARE(volume->kind, BackupTarget::Kind::Command);
        QCOMPARE(volume->command, BackupTargetDefaults::kVolumeCommand);
        QCOMPARE(volume->volume, QStringLiteral("mlflow_data"));
    }

    void fileOverridesAndAdds()
    {
        Diagnostics diagnostics;
        const BackupSettings settings = BackupConfigLoader::load(fixture("backup-valid.yml"), defaultsWithRedis(), diagnostics);
        QVERIFY2(diagnostics.isEmpty(), qPrintable(joined(diagnostics)));
        QCOMPARE(settings.directory, QDir(QStringLiteral(E2I_TEST_DATA_DIR "/backup")).absoluteFilePath(QStringLiteral("out")));
        QCOMPARE(settings.keepPerTarget, 3);
        QCOMPARE(settings.maxAgeHours, 12);
        const BackupTarget *redis = settings.target(QStringLiteral("redis"));
        QCOMPARE(redis->redis.url.port, 16379);
        QCOMPARE(redis->dataDir, QStringLiteral("/srv/redis"));
        QCOMPARE(redis->method, BackupTarget::RedisMethod::Bgsave);
        QCOMPARE(redis->restoreSteps.size(), 5);
        const BackupTarget *notes = settings.target(QStringLiteral("notes"));
        QVERIFY(notes);
        QCOMPARE(notes->kind, BackupTarget::Kind::Command);
        QCOMPARE(notes->restoreSteps, QStringList{QStringLiteral("tar -C /srv/notes -xzf {backup_path}")});
        QVERIFY(settings.target(QStringLiteral("mlflow_data"))); // defaults survive
    }

    void badFieldsAreReported_data()
    {
        QTest::addColumn<QString>("expected");
        QTest::addRow("retention") << QStringLiteral("backup-invalid.yml:1:18: error: keep_per_target: must be at least 1");
        QTest::addRow("password in url") << QStringLiteral("backup-invalid.yml:5:10: error: targets.redis.url: must not contain a password");
        QTest::addRow("step needs data_dir") << QStringLiteral("targets.redis: restore step redis:replace-rdb needs data_dir");
        QTest::addRow("unknown kind") << QStringLiteral("backup-invalid.yml:8:11: error: targets.weird.kind: expected redis-rdb or command");
        QTest::addRow("unknown method") << QStringLiteral("backup-invalid.yml:11:13: error: targets.falkordb.method: expected replication or bgsave");
        QTest::addRow("incomplete command") << QStringLiteral("targets.halfdone: a command target needs both command and verify_command");
        QTest::addRow("unknown key") << QStringLiteral("targets.halfdone.colour");
    }
    void badFieldsAreReported()
    {
        QFETCH(QString, expected);
        Diagnostics diagnostics;
        const BackupSettings settings = BackupConfigLoader::load(fixture("backup-invalid.yml"), defaultsWithRedis(), diagnostics);
        const QString text = joined(diagnostics);
        QVERIFY2(text.contains(expected), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("secret")));
        QCOMPARE(settings.keepPerTarget, 1);
    }

    void hostileValuesAreRefused_data()
    {
        QTest::addColumn<QString>("expected");
        QTest::addRow("max age") << QStringLiteral("backup-hostile.yml:1:16: error: max_age_hours: must be between 1 and 8760");
        QTest::addRow("idle timeout") << QStringLiteral("backup-hostile.yml:2:18: error: idle_timeout_ms: must be between 1000 and 3600000");
        QTest::addRow("negative timeout") << QStringLiteral("backup-hostile.yml:6:17: error: targets.redis.timeout_ms: must be between 1000 and 86400000 (1 s to 24 h), got -1");
        QTest::addRow("unknown built-in") << QStringLiteral("backup-hostile.yml:7:38: error: targets.redis.restore[1]: unknown built-in restore step 'redis:format-disk'");
        QTest::addRow("a number") << QStringLiteral("backup-hostile.yml:12:14: error: targets.notes.restore: expected a built-in step (redis:...) or a command template, got '42'");
        QTest::addRow("huge timeout") << QStringLiteral("backup-hostile.yml:17:17: error: targets.logs.timeout_ms: must be between");
        QTest::addRow("built-in on a command target") << QStringLiteral("backup-hostile.yml:18:15: error: targets.logs.restore[0]: restore step redis:start needs kind: redis-rdb");
        QTest::addRow("empty step") << QStringLiteral("backup-hostile.yml:18:67: error: targets.logs.restore[2]: expected a built-in step");
        QTest::addRow("boolean step") << QStringLiteral("backup-hostile.yml:18:71: error: targets.logs.restore[3]: expected a built-in step");
    }
    void hostileValuesAreRefused()
    {
        QFETCH(QString, expected);
        Diagnostics diagnostics;
        const BackupSettings settings = BackupConfigLoader::load(fixture("backup-hostile.yml"), defaultsWithRedis(), diagnostics);
        const QString text = joined(diagnostics);
        QVERIFY2(text.contains(expected), qPrintable(text));
        // Refused values keep the defaults; a bad sequence is not used in part.
        const BackupSettings defaults = defaultsWithRedis();
        QCOMPARE(settings.maxAgeHours, defaults.maxAgeHours);
        QCOMPARE(settings.idleTimeoutMs, defaults.idleTimeoutMs);
        const BackupTarget *redis = settings.target(QStringLiteral("redis"));
        QCOMPARE(redis->timeoutMs, defaults.target(QStringLiteral("redis"))->timeoutMs);
        QCOMPARE(redis->restoreSteps, defaults.target(QStringLiteral("redis"))->restoreSteps);
        QVERIFY(settings.target(QStringLiteral("notes"))->restoreSteps.isEmpty());
        QVERIFY(settings.target(QStringLiteral("logs"))->restoreSteps.isEmpty());
        QCOMPARE(settings.target(QStringLiteral("quoted"))->restoreSteps, QStringList{QStringLiteral("true")});
        QCOMPARE(diagnostics.size(), 9);
    }

    void missingFileKeepsDefaults()
    {
        Diagnostics diagnostics;
        const BackupSettings settings = BackupConfigLoader::load(QStringLiteral("/nonexistent/backup.yml"), defaultsWithRedis(), diagnostics);
        QVERIFY(diagnostics.isEmpty());
        QCOMPARE(settings.targets.size(), 3);
    }
};

QTEST_GUILESS_MAIN(tst_backup_config)
#include "tst_backup_config.moc"
