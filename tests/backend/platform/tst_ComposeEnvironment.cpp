// .env files and profiles, read as Docker Compose v2 reads them.
#include "platform/ComposeEnvironment.h"
#include "platform/DotEnvParser.h"
#include "platform/PlatformProfileLoader.h"

#include <QTest>

using namespace e2i;

namespace {

QString fixture(const QString &name)
{
    return QStringLiteral(E2I_TEST_DATA_DIR "/platform/profiles/") + name;
}

QString compose()
{
    return fixture(QStringLiteral("docker-compose.yml"));
}

PlatformProfile load(const QHash<QString, QString> &shell, const QStringList &envFiles = {},
                     const QStringList &profiles = {})
{
    return PlatformProfileLoader::loadComposeWith(compose(), ComposeEnvironmentOptions{shell, envFiles, profiles});
}

QString dump(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines.append(d.toString());
    return lines.join(u'\n');
}

} // namespace

class tst_ComposeEnvironment : public QObject {
    Q_OBJECT
private slots:
    void dotEnvSyntax_data();
    void dotEnvSyntax();
    void dotEnvErrorsNameFileAndLine();
    void dotEnvBesideComposeFileIsRead();
    void shellWinsOverDotEnv();
    void envFileReplacesDotEnv();
    void profilesFromDotEnv();
    void shellProfilesWinOverDotEnv();
    void profileFlagsReplaceComposeProfiles();
    void starActivatesEveryProfile();
};

void tst_ComposeEnvironment::dotEnvSyntax_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");
    QTest::addRow("plain") << "A=1" << "A" << "1";
    QTest::addRow("spaces around") << "  A = some value  " << "A" << "some value";
    QTest::addRow("export prefix") << "export A=1" << "A" << "1";
    QTest::addRow("comment line") << "# A=1\nA=2" << "A" << "2";
    QTest::addRow("inline comment") << "A=value # note" << "A" << "value";
    QTest::addRow("hash inside value") << "A=va#lue" << "A" << "va#lue";
    QTest::addRow("single quotes literal") << "A='x ${B} \\n # y'" << "A" << "x ${B} \\n # y";
    QTest::addRow("double quotes escapes") << "A=\"line\\nnext \\\"q\\\"\"" << "A" << "line\nnext \"q\"";
    QTest::addRow("double quotes keep hash") << "A=\"x # y\" # comment" << "A" << "x # y";
    QTest::addRow("multi-line double quotes") << "A=\"one\ntwo\"\nB=3" << "A" << "one\ntwo";
    QTest::addRow("interpolates earlier key") << "B=world\nA=hello ${B}" << "A" << "hello world";
    QTest::addRow("interpolates in double quotes") << "B=x\nA=\"${B}y\"" << "A" << "xy";
    QTest::addRow("default") << "A=${NOPE:-fallback}" << "A" << "fallback";
    QTest::addRow("shell wins in interpolation") << "SHELLVAR=file\nA=${SHELLVAR}" << "A" << "from-shell";
    QTest::addRow("bare key from shell") << "SHELLVAR" << "SHELLVAR" << "from-shell";
    QTest::addRow("empty value") << "A=" << "A" << "";
    QTest::addRow("crlf") << "A=1\r\nB=2\r\n" << "A" << "1";
}

void tst_ComposeEnvironment::dotEnvSyntax()
{
    QFETCH(QString, text);
    QFETCH(QString, key);
    Diagnostics diagnostics;
    const auto values = DotEnvParser::parse(text, QStringLiteral("test.env"),
                                            {{QStringLiteral("SHELLVAR"), QStringLiteral("from-shell")}}, diagnostics);
    QVERIFY2(diagnostics.isEmpty(), qPrintable(dump(diagnostics)));
    QVERIFY2(values.contains(key), qPrintable(QStringList(values.keys()).join(u',')));
    QTEST(values.value(key), "expected");
}

void tst_ComposeEnvironment::dotEnvErrorsNameFileAndLine()
{
    Diagnostics diagnostics;
    const auto values = DotEnvParser::parse(QStringLiteral("A=1\nnot a pair\nB=\"open\nC=${REQ:?set it}\n"),
                                            QStringLiteral("x.env"), {}, diagnostics);
    QCOMPARE(values.value(QStringLiteral("A")), QStringLiteral("1"));
    QVERIFY(diagnostics.size() >= 2);
    QCOMPARE(diagnostics.first().file, QStringLiteral("x.env"));
    QCOMPARE(diagnostics.first().line, 2);
    QCOMPARE(diagnostics.at(1).line, 3);
    QVERIFY(diagnostics.at(1).message.contains(QStringLiteral("unterminated")));
}

void tst_ComposeEnvironment::dotEnvBesideComposeFileIsRead()
{
    const PlatformProfile profile = load({});
    QVERIFY2(!hasErrors(profile.diagnostics), qPrintable(dump(profile.diagnostics)));
    QCOMPARE(profile.service(QStringLiteral("app"))->image, QStringLiteral("app:1.2"));
    QCOMPARE(profile.envFiles, QStringList{fixture(QStringLiteral(".env"))});
    // Nothing warns about TAG: .env set it.
    for (const Diagnostic &d : profile.diagnostics)
        QVERIFY2(!d.message.contains(QStringLiteral("TAG")), qPrintable(d.toString()));
}

void tst_ComposeEnvironment::shellWinsOverDotEnv()
{
    const PlatformProfile profile = load({{QStringLiteral("TAG"), QStringLiteral("from-shell")}});
    QCOMPARE(profile.service(QStringLiteral("app"))->image, QStringLiteral("app:from-shell"));
}

void tst_ComposeEnvironment::envFileReplacesDotEnv()
{
    const PlatformProfile profile = load({}, {fixture(QStringLiteral("alt.env"))});
    QCOMPARE(profile.service(QStringLiteral("app"))->image, QStringLiteral("app:from-alt"));
    QCOMPARE(profile.service(QStringLiteral("app"))->publishedPort(8000), 9000);
    // .env is not read, so its COMPOSE_PROFILES is not either.
    QVERIFY(profile.activeProfiles.isEmpty());
    QVERIFY(!profile.service(QStringLiteral("metrics"))->active);

    const PlatformProfile missing = load({}, {fixture(QStringLiteral("missing.env"))});
    QVERIFY(hasErrors(missing.diagnostics));
    QCOMPARE(missing.diagnostics.first().file, fixture(QStringLiteral("missing.env")));
}

void tst_ComposeEnvironment::profilesFromDotEnv()
{
    const PlatformProfile profile = load({});
    QCOMPARE(profile.activeProfiles, QStringList{QStringLiteral("metrics")});
    QVERIFY(profile.service(QStringLiteral("app"))->active);
    QVERIFY(profile.service(QStringLiteral("metrics"))->active);
    QVERIFY(profile.service(QStringLiteral("flower"))->active); // one of its profiles is active
    const ServiceSpec *debug = profile.service(QStringLiteral("debug_shell"));
    QVERIFY(!debug->active);
    QCOMPARE(debug->inactiveReason, QStringLiteral("profile debug is not active"));
}

void tst_ComposeEnvironment::shellProfilesWinOverDotEnv()
{
    const PlatformProfile profile = load({{QStringLiteral("COMPOSE_PROFILES"), QStringLiteral("debug")}});
    QVERIFY(profile.service(QStringLiteral("debug_shell"))->active);
    QVERIFY(!profile.service(QStringLiteral("metrics"))->active);
}

void tst_ComposeEnvironment::profileFlagsReplaceComposeProfiles()
{
    const PlatformProfile profile = load({{QStringLiteral("COMPOSE_PROFILES"), QStringLiteral("debug")}}, {},
                                         {QStringLiteral("flower")});
    QCOMPARE(profile.activeProfiles, QStringList{QStringLiteral("flower")});
    QVERIFY(profile.service(QStringLiteral("flower"))->active);
    QVERIFY(!profile.service(QStringLiteral("debug_shell"))->active);
    QVERIFY(!profile.service(QStringLiteral("metrics"))->active);
    QVERIFY(profile.service(QStringLiteral("app"))->active);
}

void tst_ComposeEnvironment::starActivatesEveryProfile()
{
    const PlatformProfile profile = load({}, {}, {QStringLiteral("*")});
    for (const ServiceSpec &service : profile.services)
        QVERIFY2(service.active, qPrintable(service.name));
}

QTEST_GUILESS_MAIN(tst_ComposeEnvironment)
#include "tst_ComposeEnvironment.moc"
