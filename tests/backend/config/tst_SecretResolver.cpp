#include "config/SecretResolver.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace e2i;

namespace {

const QString Secret = QStringLiteral("s3cr3t-Redis-pass");

QString writeSecretFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content,
                        QFile::Permissions permissions)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(content);
    file.close();
    file.setPermissions(permissions);
    return path;
}

EnvironmentConfig environmentWithFile(const QString &path)
{
    EnvironmentConfig environment;
    environment.name = QStringLiteral("prod");
    environment.passwordFile = path;
    return environment;
}

} // namespace

class tst_SecretResolver : public QObject {
    Q_OBJECT
private slots:
    void fromEnvironmentVariable();
    void unsetVariableIsAnError();
    void fromPrivateFile_data();
    void fromPrivateFile();
    void refusesReadableByOthers_data();
    void refusesReadableByOthers();
    void refusesDirectoryAndMissingFile();
    void noSourceIsAnError();
};

void tst_SecretResolver::fromEnvironmentVariable()
{
    qputenv("E2I_TEST_REDIS_PASSWORD", Secret.toUtf8());
    EnvironmentConfig environment;
    environment.passwordEnv = QStringLiteral("E2I_TEST_REDIS_PASSWORD");
    QString error;
    QCOMPARE(SecretResolver::redisPassword(environment, &error), std::optional<QString>(Secret));
    qunsetenv("E2I_TEST_REDIS_PASSWORD");
}

void tst_SecretResolver::unsetVariableIsAnError()
{
    EnvironmentConfig environment;
    environment.name = QStringLiteral("staging");
    environment.passwordEnv = QStringLiteral("E2I_TEST_SURELY_UNSET_VARIABLE");
    QString error;
    QVERIFY(!SecretResolver::redisPassword(environment, &error));
    QVERIFY2(error.contains(environment.passwordEnv), qPrintable(error));
}

void tst_SecretResolver::fromPrivateFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("permissions");
    QTest::addRow("0600 with newline") << (Secret.toUtf8() + "\n") << int(QFile::ReadOwner | QFile::WriteOwner);
    QTest::addRow("0400 with CRLF") << (Secret.toUtf8() + "\r\n") << int(QFile::ReadOwner);
    QTest::addRow("0600 without newline") << Secret.toUtf8() << int(QFile::ReadOwner | QFile::WriteOwner);
}

void tst_SecretResolver::fromPrivateFile()
{
    QFETCH(QByteArray, content);
    QFETCH(int, permissions);
    QTemporaryDir dir;
    const QString path = writeSecretFile(dir, QStringLiteral("pass"), content, QFile::Permissions(permissions));
    QString error;
    const auto password = SecretResolver::redisPassword(environmentWithFile(path), &error);
    QVERIFY2(password.has_value(), qPrintable(error));
    QCOMPARE(*password, Secret);
}

void tst_SecretResolver::refusesReadableByOthers_data()
{
    QTest::addColumn<int>("permissions");
    QTest::addColumn<QString>("mode");
    QTest::addRow("0644") << int(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther) << "0644";
    QTest::addRow("0640") << int(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup) << "0640";
    QTest::addRow("0604") << int(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther) << "0604";
}

void tst_SecretResolver::refusesReadableByOthers()
{
    QFETCH(int, permissions);
    QFETCH(QString, mode);
    QTemporaryDir dir;
    const QString path = writeSecretFile(dir, QStringLiteral("pass"), Secret.toUtf8(), QFile::Permissions(permissions));
    QString error;
    QVERIFY(!SecretResolver::redisPassword(environmentWithFile(path), &error));
    QVERIFY2(error.contains(path) && error.contains(mode), qPrintable(error));
    QVERIFY(!error.contains(Secret));
}

void tst_SecretResolver::refusesDirectoryAndMissingFile()
{
    QTemporaryDir dir;
    QString error;
    QVERIFY(!SecretResolver::redisPassword(environmentWithFile(dir.path()), &error));
    QVERIFY2(error.contains(QStringLiteral("not a regular file")), qPrintable(error));
    const QString missing = dir.filePath(QStringLiteral("missing"));
    QVERIFY(!SecretResolver::redisPassword(environmentWithFile(missing), &error));
    QVERIFY2(error.contains(missing), qPrintable(error));
}

void tst_SecretResolver::noSourceIsAnError()
{
    QString error;
    QVERIFY(!SecretResolver::redisPassword(EnvironmentConfig{}, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(tst_SecretResolver)
#include "tst_SecretResolver.moc"
