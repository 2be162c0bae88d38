#include "redis/RedisUrl.h"

#include <QTest>

using e2i::RedisUrl;

class tst_RedisUrl : public QObject {
    Q_OBJECT
private slots:
    void parsesValidUrls_data();
    void parsesValidUrls();
    void rejectsInvalidUrls_data();
    void rejectsInvalidUrls();
    void redactedDropsPassword();
    void errorNeverQuotesAMisplacedPassword();
};

void tst_RedisUrl::parsesValidUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<int>("db");
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addRow("host only") << "redis://redis" << "redis" << 6379 << 0 << "" << "";
    QTest::addRow("host port db") << "redis://10.0.0.5:6380/2" << "10.0.0.5" << 6380 << 2 << "" << "";
    QTest::addRow("empty host keeps default") << "redis://:6390" << "127.0.0.1" << 6390 << 0 << "" << "";
    QTest::addRow("password only") << "redis://:s3cret@cache:6379/1" << "cache" << 6379 << 1 << "" << "s3cret";
    QTest::addRow("user and password") << "redis://ops:p@ss@cache/3" << "cache" << 6379 << 3 << "ops" << "p@ss";
    QTest::addRow("user only") << "redis://ops@cache" << "cache" << 6379 << 0 << "ops" << "";
    QTest::addRow("ipv6") << "redis://[::1]:7000/4" << "::1" << 7000 << 4 << "" << "";
    QTest::addRow("trailing slash") << "redis://redis:6379/" << "redis" << 6379 << 0 << "" << "";
}

void tst_RedisUrl::parsesValidUrls()
{
    QFETCH(QString, url);
    QString error;
    const auto parsed = RedisUrl::parse(url, &error);
    QVERIFY2(parsed.has_value(), qPrintable(error));
    QTEST(parsed->host, "host");
    QTEST(parsed->port, "port");
    QTEST(parsed->db, "db");
    QTEST(parsed->username, "username");
    QTEST(parsed->password, "password");
}

void tst_RedisUrl::rejectsInvalidUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expectedInError");
    QTest::addRow("wrong scheme") << "http://redis:6379" << "redis://";
    QTest::addRow("port not a number") << "redis://redis:abc" << "the port is not a number";
    QTest::addRow("port out of range") << "redis://redis:70000" << "the port is not a number";
    QTest::addRow("port zero") << "redis://redis:0" << "the port is not a number";
    QTest::addRow("db not a number") << "redis://redis:6379/x" << "database 'x'";
    QTest::addRow("negative db") << "redis://redis:6379/-1" << "database '-1'";
    QTest::addRow("unterminated ipv6") << "redis://[::1:6379" << "unterminated '['";
}

void tst_RedisUrl::rejectsInvalidUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, expectedInError);
    QString error;
    QVERIFY(!RedisUrl::parse(url, &error).has_value());
    QVERIFY2(error.contains(expectedInError), qPrintable(error));
}

void tst_RedisUrl::redactedDropsPassword()
{
    const auto withUser = RedisUrl::parse(QStringLiteral("redis://ops:hunter2@cache:6380/5"));
    QVERIFY(withUser.has_value());
    QCOMPARE(withUser->redacted(), QStringLiteral("redis://ops@cache:6380/5"));
    const auto passwordOnly = RedisUrl::parse(QStringLiteral("redis://:hunter2@cache"));
    QVERIFY(passwordOnly.has_value());
    QCOMPARE(passwordOnly->redacted(), QStringLiteral("redis://cache:6379/0"));
    QCOMPARE(RedisUrl{}.redacted(), QStringLiteral("redis://127.0.0.1:6379/0"));
    const auto ipv6 = RedisUrl::parse(QStringLiteral("redis://[::1]:7000/4"));
    QVERIFY(ipv6.has_value());
    QCOMPARE(ipv6->redacted(), QStringLiteral("redis://[::1]:7000/4"));
}

void tst_RedisUrl::errorNeverQuotesAMisplacedPassword()
{
    // Without '@' the password lands where the port would be.
    QString error;
    QVERIFY(!RedisUrl::parse(QStringLiteral("redis://:hunter2"), &error).has_value());
    QVERIFY(!error.isEmpty());
    QVERIFY2(!error.contains(QStringLiteral("hunter2")), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_RedisUrl)
#include "tst_RedisUrl.moc"
