// Backups of real redis-server instances: both replication transfer forms, a
// 100,000-key mixed keyspace restored into a fresh server while a writer keeps
// writing, corrupted dumps refused, cancel mid-transfer, an unreachable target.
#include "KeyspaceFixture.h"
#include "RedisServerProcess.h"
#include "backup/BackupCatalog.h"
#include "backup/BackupEngine.h"
#include "backup/BackupRunner.h"
#include "backup/FileDigest.h"
#include "backup/RdbVerifier.h"
#include "backup/RestoreEngine.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <thread>

#include <sys/resource.h>

using namespace e2i;
using e2i::test::KeyspaceFixture;
using e2i::test::RedisServerProcess;

namespace {

constexpr int kIssueKeyCount = 100'000;
constexpr int kSmallKeyCount = 2'000;
constexpr int kTimeoutMs = 5'000;
const std::atomic_bool kNotCancelled{false};
const QStringList kDiskless{QStringLiteral("repl-diskless-sync yes"), QStringLiteral("repl-diskless-sync-delay 0")};
const QStringList kDiskBased{QStringLiteral("repl-diskless-sync no")};

RedisEndpoint endpointOf(const RedisServerProcess &server)
{
    RedisEndpoint endpoint;
    endpoint.url.port = server.port();
    endpoint.timeoutMs = kTimeoutMs;
    return endpoint;
}

BackupTarget redisTarget(const RedisServerProcess &server)
{
    BackupTarget target;
    target.name = QStringLiteral("redis");
    target.kind = BackupTarget::Kind::RedisRdb;
    target.redis = endpointOf(server);
    target.timeoutMs = 60'000;
    target.dataDir = server.directory();
    target.startCommand = server.startCommand();
    target.restoreSteps = RestoreEngine::kSandboxRedisSteps;
    return target;
}

BackupSettings settingsFor(const QString &directory)
{
    BackupSettings settings;
    settings.directory = directory;
    settings.environment = QStringLiteral("sandbox");
    settings.user = QStringLiteral("tester");
    return settings;
}

bool fill(const RedisServerProcess &server, const KeyspaceFixture &keyspace, QString *error)
{
    RedisConnection connection;
    return connection.open(endpointOf(server).url, QString(), kTimeoutMs, error) && keyspace.write(connection, error);
}

// Writes w:<n> = <n> on its own connection until stopped; `written` is how many are acknowledged.
class BackgroundWriter
{
public:
    explicit BackgroundWriter(const RedisServerProcess &server)
        : m_url(endpointOf(server).url)
    {
        m_thread = std::thread([this] { loop(); });
    }
    ~BackgroundWriter() { stop(); }
    void stop()
    {
        m_stop.store(true);
        if (m_thread.joinable())
            m_thread.join();
    }
    int written() const { return m_written.load(); }

private:
    void loop()
    {
        RedisConnection connection;
        QString error;
        if (!connection.open(m_url, QString(), kTimeoutMs, &error))
            return;
        while (!m_stop.load()) {
            const int n = m_written.load();
            const auto reply = connection.command({"SET", "w:" + QByteArray::number(n), QByteArray::number(n)}, &error);
            if (!reply || reply->isError())
                return;
            m_written.store(n + 1);
        }
    }

    RedisUrl m_url;
    std::atomic_bool m_stop{false};
    std::atomic_int m_written{0};
    std::thread m_thread;
};

int missingWriterKeys(RedisConnection &connection, int count)
{
    QList<QByteArrayList> reads;
    for (int n = 0; n < count; ++n)
        reads.append({"GET", "w:" + QByteArray::number(n)});
    QString error;
    const auto replies = connection.pipeline(reads, &error);
    if (!replies)
        return count;
    int missing = 0;
    for (int n = 0; n < count; ++n)
        missing += replies->at(n).string != QByteArray::number(n);
    return missing;
}

BackupEntry takeBackup(const QString &directory, const BackupTarget &target)
{
    BackupEngine engine(settingsFor(directory));
    return engine.backUp(target, kNotCancelled);
}

void flipByte(const QString &path, qint64 offset)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    file.seek(offset);
    char byte = 0;
    QVERIFY(file.getChar(&byte));
    file.seek(offset);
    QVERIFY(file.putChar(char(byte ^ 0x5a)));
}

} // namespace

class tst_backup_redis : public QObject
{
    Q_OBJECT
private slots:
    void pullsBothTransferForms_data()
    {
        QTest::addColumn<QStringList>("config");
        QTest::addColumn<BackupTarget::RedisMethod>("method");
        QTest::addColumn<QByteArray>("logged");
        QTest::addRow("diskless $EOF: mark") << kDiskless << BackupTarget::RedisMethod::Replication << QByteArray("(diskless transfer)");
        QTest::addRow("disk-based $length") << kDiskBased << BackupTarget::RedisMethod::Replication << QByteArray("(disk-based transfer)");
        QTest::addRow("BGSAVE + copy") << kDiskless << BackupTarget::RedisMethod::Bgsave << QByteArray("(copied after BGSAVE)");
    }
    void pullsBothTransferForms()
    {
        QFETCH(QStringList, config);
        QFETCH(BackupTarget::RedisMethod, method);
        QFETCH(QByteArray, logged);
        RedisServerProcess server(config);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        QVERIFY2(fill(server, KeyspaceFixture(kSmallKeyCount), &error), qPrintable(error));
        QTemporaryDir backups;

        BackupTarget target = redisTarget(server);
        target.method = method;
        const BackupEntry entry = takeBackup(backups.path(), target);
        QVERIFY2(entry.isVerified(), qPrintable(entry.message));
        QCOMPARE(entry.keysAtStart, kSmallKeyCount);
        const QString file = QDir(backups.path()).filePath(entry.fileName);
        QCOMPARE(QString::fromLatin1(*FileDigest::sha256Hex(file)), entry.sha256);
        QVERIFY2(entry.message.contains(QStringLiteral("CRC-64")), qPrintable(entry.message));
        QVERIFY2(entry.message.contains(QStringLiteral("redis-check-rdb ok")), qPrintable(entry.message));
        QVERIFY(QDir(backups.path()).entryList({QStringLiteral("*.part")}).isEmpty());
        QFile log(QDir(backups.path()).filePath(entry.logFile));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QVERIFY(log.readAll().contains(logged));
    }

    void restoresEveryKeyWrittenBeforeTheBackup_data()
    {
        QTest::addColumn<BackupTarget::RedisMethod>("method");
        QTest::addColumn<bool>("dataDirKnown");
        QTest::addRow("replication stream") << BackupTarget::RedisMethod::Replication << true;
        // The dump's location asked from the server (CONFIG GET), as on the server's own host.
        QTest::addRow("BGSAVE + copy") << BackupTarget::RedisMethod::Bgsave << false;
    }
    void restoresEveryKeyWrittenBeforeTheBackup()
    {
        QFETCH(BackupTarget::RedisMethod, method);
        QFETCH(bool, dataDirKnown);
        RedisServerProcess source(kDiskless), fresh(kDiskless);
        QString error;
        QVERIFY2(source.start(&error), qPrintable(error));
        QVERIFY2(fresh.start(&error), qPrintable(error));
        const KeyspaceFixture keyspace(kIssueKeyCount);
        QVERIFY2(fill(source, keyspace, &error), qPrintable(error));

        BackgroundWriter writer(source);
        QTRY_VERIFY(writer.written() > 0);
        const int writtenBeforeBackup = writer.written();
        QTemporaryDir backups;
        BackupTarget target = redisTarget(source);
        target.method = method;
        if (!dataDirKnown)
            target.dataDir.clear();
        const BackupEntry entry = takeBackup(backups.path(), target);
        const int writtenAfterBackup = writer.written();
        writer.stop();
        QVERIFY2(entry.isVerified(), qPrintable(entry.message));
        QVERIFY(entry.keysAtStart >= kIssueKeyCount + writtenBeforeBackup);
        qInfo("writer: %d keys before the backup, %d by its end; dump %lld bytes",
              writtenBeforeBackup, writtenAfterBackup, entry.sizeBytes);

        BackupCatalog catalog(backups.path());
        QVERIFY2(catalog.load(&error), qPrintable(error));
        const Verification restored = RestoreEngine::restore(catalog, *catalog.find(entry.id), redisTarget(fresh), kNotCancelled);
        QVERIFY2(restored.ok, qPrintable(restored.message));

        RedisConnection check;
        QVERIFY2(check.open(endpointOf(fresh).url, QString(), kTimeoutMs, &error), qPrintable(error));
        QString firstMismatch;
        const int mismatches = keyspace.countMismatches(check, &firstMismatch);
        QVERIFY2(mismatches == 0, qPrintable(QStringLiteral("%1 keys differ, first: %2").arg(mismatches).arg(firstMismatch)));
        QCOMPARE(missingWriterKeys(check, writtenBeforeBackup), 0);
    }

    // A server with `appendonly yes` (as the platform's compose file runs redis)
    // loads its AOF at start and ignores dump.rdb: replacing the dump alone
    // restores nothing, and verify-keys says so; replace-aof restores.
    void restoresIntoAnAppendOnlyServer_data()
    {
        QTest::addColumn<QStringList>("steps");
        QTest::addColumn<bool>("restored");
        QTest::addRow("replace-aof") << RestoreEngine::kAppendOnlyRedisSteps << true;
        QTest::addRow("replace-rdb only") << RestoreEngine::kSandboxRedisSteps << false;
    }
    void restoresIntoAnAppendOnlyServer()
    {
        QFETCH(QStringList, steps);
        QFETCH(bool, restored);
        RedisServerProcess source(kDiskless), fresh({QStringLiteral("appendonly yes")});
        QString error;
        QVERIFY2(source.start(&error), qPrintable(error));
        QVERIFY2(fresh.start(&error), qPrintable(error));
        const KeyspaceFixture keyspace(kSmallKeyCount);
        QVERIFY2(fill(source, keyspace, &error), qPrintable(error));
        // A key the restore must remove; left out where the restore is expected to
        // fail, so the server stays empty and verify-keys can notice.
        if (restored)
            fresh.cli({QStringLiteral("SET"), QStringLiteral("before-restore"), QStringLiteral("1")});
        QTemporaryDir backups;
        const BackupEntry entry = takeBackup(backups.path(), redisTarget(source));
        QVERIFY2(entry.isVerified(), qPrintable(entry.message));

        BackupCatalog catalog(backups.path());
        QVERIFY2(catalog.load(&error), qPrintable(error));
        BackupTarget target = redisTarget(fresh);
        target.restoreSteps = steps;
        const Verification outcome = RestoreEngine::restore(catalog, *catalog.find(entry.id), target, kNotCancelled);
        QVERIFY2(outcome.ok == restored, qPrintable(outcome.message));
        if (!restored) {
            QVERIFY2(outcome.message.contains(QStringLiteral("redis:verify-keys")), qPrintable(outcome.message));
            return;
        }
        RedisConnection check;
        QVERIFY2(check.open(endpointOf(fresh).url, QString(), kTimeoutMs, &error), qPrintable(error));
        QString firstMismatch;
        QCOMPARE(keyspace.countMismatches(check, &firstMismatch), 0);
        QCOMPARE(fresh.cli({QStringLiteral("EXISTS"), QStringLiteral("before-restore")}).trimmed(), QByteArray("0"));
        // The AOF the server had before is kept beside the new one, not deleted.
        QCOMPARE(QDir(fresh.directory()).entryList({QStringLiteral("appendonlydir.before-restore-*")}, QDir::Dirs).size(), 1);
    }

    void corruptedDumpIsRefused_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("rdbError");
        QTest::addRow("flipped byte") << QStringLiteral("flip") << QStringLiteral("CRC-64 mismatch");
        QTest::addRow("truncated") << QStringLiteral("truncate") << QStringLiteral("truncated");
    }
    void corruptedDumpIsRefused()
    {
        QFETCH(QString, damage);
        QFETCH(QString, rdbError);
        RedisServerProcess server(kDiskless);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        QVERIFY2(fill(server, KeyspaceFixture(kSmallKeyCount), &error), qPrintable(error));
        QTemporaryDir backups;
        const BackupEntry entry = takeBackup(backups.path(), redisTarget(server));
        QVERIFY2(entry.isVerified(), qPrintable(entry.message));
        const QString file = QDir(backups.path()).filePath(entry.fileName);
        if (damage == QLatin1String("flip"))
            flipByte(file, entry.sizeBytes / 2);
        else
            QVERIFY(QFile::resize(file, entry.sizeBytes - 100));

        const Verification rdb = RdbVerifier::verify(file);
        QVERIFY(!rdb.ok);
        QVERIFY2(rdb.message.contains(rdbError), qPrintable(rdb.message));

        BackupCatalog catalog(backups.path());
        QVERIFY(catalog.load(&error));
        const Verification bySha = RestoreEngine::restore(catalog, entry, redisTarget(server), kNotCancelled);
        QVERIFY(!bySha.ok);
        QVERIFY2(bySha.message.startsWith(QStringLiteral("refusing to restore")) && bySha.message.contains(QStringLiteral("SHA-256")),
                 qPrintable(bySha.message));
        // Even with a catalog checksum that matches the damaged file, the RDB check refuses it.
        BackupEntry forged = entry;
        forged.sha256 = QString::fromLatin1(*FileDigest::sha256Hex(file));
        const Verification byRdb = RestoreEngine::restore(catalog, forged, redisTarget(server), kNotCancelled);
        QVERIFY(!byRdb.ok);
        QVERIFY2(byRdb.message.contains(rdbError), qPrintable(byRdb.message));
        // Nothing was touched: the server still runs with its keys.
        QCOMPARE(server.cli({QStringLiteral("DBSIZE")}).trimmed(), QByteArray::number(kSmallKeyCount));
    }

    // A write that fails part-way (the full-disk case; simulated with RLIMIT_FSIZE, which
    // fails write() with EFBIG as a full disk fails it with ENOSPC) leaves no file and a
    // catalog entry marked failed that says why.
    void failedWriteLeavesNoFile_data()
    {
        QTest::addColumn<BackupTarget::RedisMethod>("method");
        QTest::addRow("replication stream") << BackupTarget::RedisMethod::Replication;
        QTest::addRow("BGSAVE + copy") << BackupTarget::RedisMethod::Bgsave;
    }
    void failedWriteLeavesNoFile()
    {
        QFETCH(BackupTarget::RedisMethod, method);
        constexpr rlim_t kFileSizeLimit = 256 * 1024; // well below the dump, well above the catalog
        RedisServerProcess server(kDiskBased);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        QVERIFY2(fill(server, KeyspaceFixture(kSmallKeyCount, 2048), &error), qPrintable(error)); // ~4 MB dump
        QTemporaryDir backups;
        BackupTarget target = redisTarget(server);
        target.method = method;

        rlimit previous{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &previous), 0);
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limited = previous;
        limited.rlim_cur = kFileSizeLimit;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
        const BackupEntry entry = takeBackup(backups.path(), target);
        setrlimit(RLIMIT_FSIZE, &previous);
        std::signal(SIGXFSZ, previousHandler);

        QCOMPARE(entry.status, BackupEntry::Status::Failed);
        QVERIFY2(entry.message.contains(QStringLiteral("writing")), qPrintable(entry.message));
        QVERIFY(QDir(backups.path()).entryList({QStringLiteral("*.rdb"), QStringLiteral("*.part")}).isEmpty());
        BackupCatalog catalog(backups.path());
        QVERIFY2(catalog.load(&error), qPrintable(error));
        QCOMPARE(catalog.entries().size(), 1);
        QCOMPARE(catalog.entries().first().status, BackupEntry::Status::Failed);
    }

    void cancelMidTransferLeavesNoFile()
    {
        RedisServerProcess server(kDiskBased);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        QVERIFY2(fill(server, KeyspaceFixture(kSmallKeyCount * 5, 2048), &error), qPrintable(error)); // ~20 MB dump
        QTemporaryDir backups;
        BackupEngine engine(settingsFor(backups.path()));
        std::atomic_bool cancel{false};
        qint64 bytesAtCancel = 0;
        const BackupEntry entry = engine.backUp(redisTarget(server), cancel, [&](const QString &, qint64 bytes, qint64) {
            bytesAtCancel = bytes;
            cancel.store(true);
        });
        QCOMPARE(entry.status, BackupEntry::Status::Cancelled);
        QVERIFY(bytesAtCancel > 0);
        QVERIFY(entry.fileName.isEmpty());
        QVERIFY(QDir(backups.path()).entryList({QStringLiteral("*.rdb"), QStringLiteral("*.part")}).isEmpty());
        BackupCatalog catalog(backups.path());
        QVERIFY(catalog.load(&error));
        QCOMPARE(catalog.entries().size(), 1);
        QCOMPARE(catalog.entries().first().status, BackupEntry::Status::Cancelled);
        QVERIFY(catalog.entries().first().fileName.isEmpty());
    }

    void unreachableTargetIsReportedAndOthersContinue()
    {
        RedisServerProcess server(kDiskless);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        QVERIFY2(fill(server, KeyspaceFixture(100), &error), qPrintable(error));
        BackupTarget dead = redisTarget(server);
        dead.name = QStringLiteral("falkordb");
        dead.redis.url.port = RedisServerProcess::freePort(); // nothing listens there
        QTemporaryDir backups;
        BackupSettings settings = settingsFor(backups.path());
        settings.targets = {dead, redisTarget(server)};
        BackupRunner runner(settings);
        QSignalSpy failures(&runner, &BackupRunner::failed);
        QSignalSpy finishes(&runner, &BackupRunner::finished);
        runner.run({});
        QCOMPARE(failures.size(), 1);
        QCOMPARE(failures.first().at(0).toString(), QStringLiteral("falkordb"));
        QVERIFY2(failures.first().at(1).toString().contains(QStringLiteral("refused")), qPrintable(failures.first().at(1).toString()));
        QCOMPARE(finishes.size(), 1);
        QCOMPARE(finishes.first().at(0).value<BackupEntry>().target, QStringLiteral("redis"));
    }
};

QTEST_GUILESS_MAIN(tst_backup_redis)
#include "tst_backup_redis.moc"
