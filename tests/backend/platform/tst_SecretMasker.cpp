// Passwords in displayed commands and URLs become ***.
#include "platform/SecretMasker.h"

#include <QTest>

using namespace e2i;

namespace {

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list.append(QString::fromUtf8(item));
    return list;
}

} // namespace

class tst_SecretMasker : public QObject {
    Q_OBJECT
private slots:
    void maskText_data();
    void maskText();
    void maskWords_data();
    void maskWords();
};

void tst_SecretMasker::maskText_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addRow("mysqladmin -pXXX") << "mysqladmin ping -h localhost -u root -phunter2"
                                      << "mysqladmin ping -h localhost -u root -p***";
    QTest::addRow("mariadb-admin -p'quoted'") << "mariadb-admin ping -p'a b'" << "mariadb-admin ping -p***";
    QTest::addRow("--password XXX") << "psql --password hunter2 -h db" << "psql --password *** -h db";
    QTest::addRow("--password=XXX") << "mysql --password=hunter2 -e 'select 1'" << "mysql --password=*** -e 'select 1'";
    QTest::addRow("PGPASSWORD=") << "PGPASSWORD=hunter2 pg_isready -h db" << "PGPASSWORD=*** pg_isready -h db";
    QTest::addRow("REDIS_PASSWORD=") << "REDIS_PASSWORD=r3dis redis-cli ping" << "REDIS_PASSWORD=*** redis-cli ping";
    QTest::addRow("MYSQL_PWD=") << "env MYSQL_PWD=x mysqladmin ping" << "env MYSQL_PWD=*** mysqladmin ping";
    QTest::addRow("REDISCLI_AUTH=") << "REDISCLI_AUTH=x redis-cli ping" << "REDISCLI_AUTH=*** redis-cli ping";
    QTest::addRow("redis-cli -a") << "redis-cli -a r3dis ping | grep PONG" << "redis-cli -a *** ping | grep PONG";
    QTest::addRow("valkey-cli -a") << "valkey-cli -h 127.0.0.1 -a r3dis ping" << "valkey-cli -h 127.0.0.1 -a *** ping";
    QTest::addRow("url user:pass@") << "curl -f http://admin:pa55@localhost:8001/health"
                                    << "curl -f http://admin:***@localhost:8001/health";
    QTest::addRow("redis url :pass@") << "redis://:r3dis@redis:6379/0" << "redis://:***@redis:6379/0";
    QTest::addRow("curl -u user:pass") << "curl -u admin:pa55 http://localhost/" << "curl -u admin:*** http://localhost/";
    // What is not a password stays.
    QTest::addRow("redis-cli -p is a port") << "redis-cli -p 6380 ping" << "redis-cli -p 6380 ping";
    QTest::addRow("pg_isready -p is a port") << "pg_isready -p5433 -U app" << "pg_isready -p5433 -U app";
    QTest::addRow("url without password") << "curl -f http://user@localhost/" << "curl -f http://user@localhost/";
    QTest::addRow("-a of other tools") << "tar -a file" << "tar -a file";
}

void tst_SecretMasker::maskText()
{
    QFETCH(QString, input);
    QTEST(SecretMasker::mask(input), "expected");
}

void tst_SecretMasker::maskWords_data()
{
    QTest::addColumn<QStringList>("input");
    QTest::addColumn<QStringList>("expected");
    QTest::addRow("redis-cli -a apart")
        << strings({"redis-cli", "-a", "r3dis", "ping"}) << strings({"redis-cli", "-a", "***", "ping"});
    QTest::addRow("--password apart") << strings({"psql", "--password", "x"}) << strings({"psql", "--password", "***"});
    QTest::addRow("mysql -p attached") << strings({"mysqladmin", "ping", "-psecret"})
                                       << strings({"mysqladmin", "ping", "-p***"});
    QTest::addRow("shell line in one word") << strings({"sh", "-c", "PGPASSWORD=x psql"})
                                            << strings({"sh", "-c", "PGPASSWORD=*** psql"});
    QTest::addRow("nothing to mask") << strings({"celery", "-A", "app", "worker"})
                                     << strings({"celery", "-A", "app", "worker"});
}

void tst_SecretMasker::maskWords()
{
    QFETCH(QStringList, input);
    QTEST(SecretMasker::mask(input), "expected");
}

QTEST_GUILESS_MAIN(tst_SecretMasker)
#include "tst_SecretMasker.moc"
