// `--listen HOST:PORT` as e2ictl record reads it: loopback unless told.
#include "metrics/ListenAddress.h"

#include <QTest>

using namespace e2i;

class tst_ListenAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void refuses_data();
    void refuses();
};

void tst_ListenAddress::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("loopback");
    QTest::addRow("v4 loopback") << QStringLiteral("127.0.0.1:9464") << QStringLiteral("127.0.0.1") << 9464 << true;
    QTest::addRow("free port") << QStringLiteral("127.0.0.1:0") << QStringLiteral("127.0.0.1") << 0 << true;
    QTest::addRow("localhost") << QStringLiteral("localhost:9464") << QStringLiteral("127.0.0.1") << 9464 << true;
    QTest::addRow("port only") << QStringLiteral("9464") << QStringLiteral("127.0.0.1") << 9464 << true;
    QTest::addRow(":port") << QStringLiteral(":9464") << QStringLiteral("127.0.0.1") << 9464 << true;
    QTest::addRow("v6 loopback") << QStringLiteral("[::1]:9464") << QStringLiteral("::1") << 9464 << true;
    QTest::addRow("all v4") << QStringLiteral("0.0.0.0:9464") << QStringLiteral("0.0.0.0") << 9464 << false;
    QTest::addRow("lan") << QStringLiteral("192.168.1.5:80") << QStringLiteral("192.168.1.5") << 80 << false;
}

void tst_ListenAddress::parses()
{
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(bool, loopback);
    QString error;
    const auto address = ListenAddress::parse(text, &error);
    QVERIFY2(address, qPrintable(error));
    QCOMPARE(address->host, QHostAddress(host));
    QCOMPARE(int(address->port), port);
    QCOMPARE(address->isLoopback(), loopback);
}

void tst_ListenAddress::refuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addRow("no port") << QStringLiteral("127.0.0.1:");
    QTest::addRow("port too big") << QStringLiteral("127.0.0.1:65536");
    QTest::addRow("negative") << QStringLiteral("127.0.0.1:-1");
    QTest::addRow("a name") << QStringLiteral("metrics.example.com:9464");
    QTest::addRow("words") << QStringLiteral("everywhere");
}

void tst_ListenAddress::refuses()
{
    QFETCH(QString, text);
    QString error;
    QVERIFY(!ListenAddress::parse(text, &error));
    QVERIFY2(error.contains(text), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_ListenAddress)
#include "tst_ListenAddress.moc"
