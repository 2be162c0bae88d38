// The platform options shared by e2ictl and e2i-console (PlatformArguments):
// what a command line gives, repeatable options in order, and toArguments()
// giving a command line that another program of the suite reads back the same.
#include "session/PlatformArguments.h"

#include <QCommandLineParser>
#include <QTest>

using namespace e2i;

namespace {

PlatformArguments parsed(const QStringList &arguments, QString *error = nullptr)
{
    QCommandLineParser parser;
    PlatformArguments::addOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("e2ictl")} + arguments) && error)
        *error = parser.errorText();
    return PlatformArguments::fromParser(parser);
}

void compareAll(const PlatformArguments &actual, const PlatformArguments &expected)
{
    QCOMPARE(actual.configFile, expected.configFile);
    QCOMPARE(actual.environment, expected.environment);
    QCOMPARE(actual.composeFile, expected.composeFile);
    QCOMPARE(actual.autoscaleFile, expected.autoscaleFile);
    QCOMPARE(actual.redisUrl, expected.redisUrl);
    QCOMPARE(actual.dockerHost, expected.dockerHost);
    QCOMPARE(actual.envFiles, expected.envFiles);
    QCOMPARE(actual.profiles, expected.profiles);
}

PlatformArguments everything()
{
    PlatformArguments a;
    a.configFile = QStringLiteral("/etc/e2i/console.yml");
    a.environment = QStringLiteral("staging");
    a.composeFile = QStringLiteral("/srv/platform/docker/docker compose.yml"); // a space
    a.autoscaleFile = QStringLiteral("/srv/platform/config/autoscale.yml");
    a.redisUrl = QStringLiteral("redis://ops@10.0.0.5:6380/2");
    a.dockerHost = QStringLiteral("10.0.0.5");
    a.envFiles = {QStringLiteral("base.env"), QStringLiteral("--odd.env"), QStringLiteral("override.env")};
    a.profiles = {QStringLiteral("gpu"), QStringLiteral("debug")};
    return a;
}

} // namespace

class tst_PlatformArguments : public QObject {
    Q_OBJECT
private slots:
    void fromACommandLine();
    void nothingGivenIsEmpty();
    void roundTripThroughToArguments();
    void emptyValuesAreLeftOut();
    void unknownOptionIsAnError();
};

void tst_PlatformArguments::fromACommandLine()
{
    const PlatformArguments a = parsed({QStringLiteral("--env"), QStringLiteral("staging"),
                                        QStringLiteral("--compose=/srv/c.yml"),
                                        QStringLiteral("--env-file"), QStringLiteral("a.env"),
                                        QStringLiteral("--profile"), QStringLiteral("gpu"),
                                        QStringLiteral("--env-file"), QStringLiteral("b.env"),
                                        QStringLiteral("--redis"), QStringLiteral("redis://10.0.0.5:6380/2"),
                                        QStringLiteral("--docker-host"), QStringLiteral("10.0.0.5")});
    QCOMPARE(a.environment, QStringLiteral("staging"));
    QCOMPARE(a.composeFile, QStringLiteral("/srv/c.yml"));
    QCOMPARE(a.envFiles, (QStringList{QStringLiteral("a.env"), QStringLiteral("b.env")})); // later over earlier
    QCOMPARE(a.profiles, QStringList{QStringLiteral("gpu")});
    QCOMPARE(a.redisUrl, QStringLiteral("redis://10.0.0.5:6380/2"));
    QCOMPARE(a.dockerHost, QStringLiteral("10.0.0.5"));
    QVERIFY(a.configFile.isEmpty());
    QVERIFY(a.autoscaleFile.isEmpty());
}

void tst_PlatformArguments::nothingGivenIsEmpty()
{
    compareAll(parsed({}), PlatformArguments());
}

void tst_PlatformArguments::roundTripThroughToArguments()
{
    const PlatformArguments original = everything();
    QString error;
    const PlatformArguments back = parsed(original.toArguments(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    compareAll(back, original);
}

void tst_PlatformArguments::emptyValuesAreLeftOut()
{
    PlatformArguments a;
    a.environment = QStringLiteral("prod");
    a.profiles = {QStringLiteral("gpu")};
    QCOMPARE(a.toArguments(), (QStringList{QStringLiteral("--env"), QStringLiteral("prod"),
                                           QStringLiteral("--profile"), QStringLiteral("gpu")}));
    QVERIFY(PlatformArguments().toArguments().isEmpty());
}

void tst_PlatformArguments::unknownOptionIsAnError()
{
    QString error;
    parsed({QStringLiteral("--redis-url"), QStringLiteral("redis://x")}, &error);
    QVERIFY2(error.contains(QStringLiteral("redis-url")), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_PlatformArguments)
#include "tst_PlatformArguments.moc"
