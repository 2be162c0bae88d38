#include "core/AtomicFileWriter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using e2i::AtomicFileWriter;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writePlain(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

QStringList entries(const QString &directory)
{
    return QDir(directory).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class tst_AtomicFileWriter : public QObject {
    Q_OBJECT
private slots:
    void writesContent_data();
    void writesContent();
    void keepsPermissionsOfReplacedFile();
    void crashBeforeRenameLeavesOldFileAndNoTemporary();
    void missingDirectoryIsReportedWithPath();
};

void tst_AtomicFileWriter::writesContent_data()
{
    QTest::addColumn<bool>("existing");
    QTest::addColumn<QByteArray>("content");
    QTest::addRow("new file") << false << QByteArray("a: 1\n");
    QTest::addRow("replace") << true << QByteArray("a: 2\n# kept\n");
    QTest::addRow("empty content") << true << QByteArray();
    QTest::addRow("large") << true << QByteArray(1 << 20, 'x');
}

void tst_AtomicFileWriter::writesContent()
{
    QFETCH(bool, existing);
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("autoscale.yml"));
    if (existing)
        writePlain(path, "old content\n");
    AtomicFileWriter writer(path);
    QVERIFY2(writer.write(content), qPrintable(writer.errorString()));
    QCOMPARE(readAll(path), content);
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("autoscale.yml")});
}

void tst_AtomicFileWriter::keepsPermissionsOfReplacedFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("config.yml"));
    writePlain(path, "old\n");
    const auto permissions = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup;
    QVERIFY(QFile::setPermissions(path, permissions));
    AtomicFileWriter writer(path);
    QVERIFY(writer.write("new\n"));
    QCOMPARE(QFile::permissions(path) & ~(QFile::ReadUser | QFile::WriteUser), permissions & ~(QFile::ReadUser | QFile::WriteUser));
}

void tst_AtomicFileWriter::crashBeforeRenameLeavesOldFileAndNoTemporary()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("autoscale.yml"));
    writePlain(path, "old content\n");
    AtomicFileWriter writer(path);
    QByteArray seenInTemporary;
    writer.setBeforeRenameHook([&](const QString &temporaryPath) {
        seenInTemporary = readAll(temporaryPath);
        return false;
    });
    QVERIFY(!writer.write("new content\n"));
    QCOMPARE(seenInTemporary, QByteArray("new content\n"));
    QCOMPARE(readAll(path), QByteArray("old content\n"));
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("autoscale.yml")});
    QVERIFY(writer.errorString().contains(path));
}

void tst_AtomicFileWriter::missingDirectoryIsReportedWithPath()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no-such-dir/autoscale.yml"));
    AtomicFileWriter writer(path);
    QVERIFY(!writer.write("x"));
    QVERIFY2(writer.errorString().contains(QStringLiteral("no-such-dir")), qPrintable(writer.errorString()));
}

QTEST_GUILESS_MAIN(tst_AtomicFileWriter)
#include "tst_AtomicFileWriter.moc"
