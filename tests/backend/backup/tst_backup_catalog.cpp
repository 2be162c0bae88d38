// The catalog: JSON round trip, atomic save, a damaged file named with its
// line, and retention that never removes a target's newest verified backup.
#include "backup/BackupCatalog.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using e2i::BackupCatalog;
using e2i::BackupEntry;

namespace {

const QDateTime kEpoch = QDateTime(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC);

// One entry per letter, oldest first: 'v' verified, 'f' failed, 'c' cancelled.
QList<BackupEntry> entriesFromPattern(const QString &target, const QString &pattern)
{
    QList<BackupEntry> entries;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        BackupEntry entry;
        entry.target = target;
        entry.kind = QStringLiteral("command");
        entry.startedUtc = kEpoch.addSecs(3600 * i);
        entry.finishedUtc = entry.startedUtc.addSecs(60);
        entry.id = QStringLiteral("%1-%2").arg(target).arg(i);
        const QChar c = pattern.at(i);
        entry.status = c == u'v' ? BackupEntry::Status::Verified : c == u'f' ? BackupEntry::Status::Failed : BackupEntry::Status::Cancelled;
        if (entry.isVerified())
            entry.fileName = entry.id + QStringLiteral(".tar.gz");
        entries.append(entry);
    }
    return entries;
}

QStringList ids(const QList<BackupEntry> &entries)
{
    QStringList result;
    for (const BackupEntry &entry : entries)
        result.append(entry.id);
    result.sort();
    return result;
}

} // namespace

class tst_backup_catalog : public QObject
{
    Q_OBJECT
private slots:
    void roundTripsEveryField()
    {
        QTemporaryDir dir;
        BackupCatalog catalog(dir.path());
        BackupEntry entry = entriesFromPattern(QStringLiteral("redis"), QStringLiteral("v")).first();
        entry.kind = QStringLiteral("redis-rdb");
        entry.sizeBytes = 12345;
        entry.sha256 = QStringLiteral("ab").repeated(32);
        entry.message = QStringLiteral("RDB v10 ok");
        entry.user = QStringLiteral("ops");
        entry.environment = QStringLiteral("sandbox");
        entry.logFile = QStringLiteral("redis-0.log");
        entry.keysAtStart = 42;
        catalog.append(entry);
        QString error;
        QVERIFY2(catalog.save(&error), qPrintable(error));

        BackupCatalog reread(dir.path());
        QVERIFY2(reread.load(&error), qPrintable(error));
        QCOMPARE(reread.entries().size(), 1);
        QCOMPARE(reread.entries().first().toJson(), entry.toJson());
    }

    void missingCatalogIsEmpty()
    {
        QTemporaryDir dir;
        BackupCatalog catalog(dir.path());
        QString error;
        QVERIFY(catalog.load(&error));
        QVERIFY(catalog.entries().isEmpty());
    }

    void damagedCatalogNamesFileLineAndField_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::addRow("syntax") << QByteArray("{\n  \"entries\": [\n    {,\n  ]\n}\n") << QStringLiteral("catalog.json:3: error:");
        QTest::addRow("no entries") << QByteArray("{\"version\": 1}") << QStringLiteral("entries: missing or not a list");
        QTest::addRow("bad status") << QByteArray(R"({"entries":[{"id":"a","target":"t","kind":"command",)"
                                                  R"("started_utc":"2026-11-01T12:00:00Z","finished_utc":"2026-11-01T12:00:00Z","status":"great"}]})")
                                    << QStringLiteral("entries[0]: field 'status' must be verified, failed or cancelled");
        QTest::addRow("missing id") << QByteArray(R"({"entries":[{"target":"t"}]})") << QStringLiteral("entries[0]: field 'id' is missing");
    }
    void damagedCatalogNamesFileLineAndField()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("catalog.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        BackupCatalog catalog(dir.path());
        QString error;
        QVERIFY(!catalog.load(&error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void retentionKeepsNewestAndLastVerified_data()
    {
        QTest::addColumn<QString>("pattern"); // oldest first
        QTest::addColumn<int>("keep");
        QTest::addColumn<QStringList>("kept"); // indexes into the pattern
        QTest::addRow("keep newest 2 of 4") << QStringLiteral("vvvv") << 2 << QStringList{QStringLiteral("2"), QStringLiteral("3")};
        QTest::addRow("failures after the only verified") << QStringLiteral("vfff") << 2 << QStringList{QStringLiteral("0"), QStringLiteral("2"), QStringLiteral("3")};
        QTest::addRow("cancel and fail after two good") << QStringLiteral("vvcf") << 1 << QStringList{QStringLiteral("1"), QStringLiteral("3")};
        QTest::addRow("nothing verified") << QStringLiteral("fff") << 1 << QStringList{QStringLiteral("2")};
        QTest::addRow("under the limit") << QStringLiteral("vf") << 5 << QStringList{QStringLiteral("0"), QStringLiteral("1")};
    }
    void retentionKeepsNewestAndLastVerified()
    {
        QFETCH(QString, pattern);
        QFETCH(int, keep);
        QFETCH(QStringList, kept);
        QTemporaryDir dir;
        BackupCatalog catalog(dir.path());
        for (const BackupEntry &entry : entriesFromPattern(QStringLiteral("t"), pattern))
            catalog.append(entry);
        catalog.append(entriesFromPattern(QStringLiteral("other"), QStringLiteral("v")).first());

        const QList<BackupEntry> removed = catalog.applyRetention(keep);
        QStringList expected{QStringLiteral("other-0")};
        for (const QString &index : kept)
            expected.append(QStringLiteral("t-") + index);
        expected.sort();
        QCOMPARE(ids(catalog.entries()), expected);
        QCOMPARE(removed.size() + catalog.entries().size(), pattern.size() + 1);
    }

    void removedFilesAreDeletedOnlyWhenAsked()
    {
        QTemporaryDir dir;
        BackupCatalog catalog(dir.path());
        for (const BackupEntry &entry : entriesFromPattern(QStringLiteral("t"), QStringLiteral("vv"))) {
            catalog.append(entry);
            QFile file(catalog.filePath(entry.fileName));
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        const QList<BackupEntry> removed = catalog.applyRetention(1);
        QCOMPARE(removed.size(), 1);
        const QString oldFile = catalog.filePath(removed.first().fileName);
        QVERIFY(QFile::exists(oldFile));
        catalog.removeFiles(removed);
        QVERIFY(!QFile::exists(oldFile));
        QVERIFY(QFile::exists(catalog.filePath(catalog.entries().first().fileName)));
    }
};

QTEST_GUILESS_MAIN(tst_backup_catalog)
#include "tst_backup_catalog.moc"
