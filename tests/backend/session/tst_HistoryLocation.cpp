// Which history file a command uses (HistoryLocation): `--history FILE`, else
// the environment's history_file, else $XDG_STATE_HOME/e2i-console/history/<env>.sqlite
// ("local" without an environment), as the option's help says.
#include "session/HistoryLocation.h"

#include <QCommandLineParser>
#include <QTest>

using namespace e2i;

namespace {

QString chosen(const QStringList &arguments, const ResolvedPlatform &resolved)
{
    QCommandLineParser parser;
    parser.addOption(HistoryLocation::option());
    if (!parser.parse(QStringList{QStringLiteral("e2ictl")} + arguments))
        return QStringLiteral("<parse error: %1>").arg(parser.errorText());
    return HistoryLocation::file(parser, resolved);
}

ResolvedPlatform environment(const QString &name, const QString &historyFile)
{
    ResolvedPlatform resolved;
    resolved.environment.name = name;
    resolved.environment.historyFile = historyFile;
    return resolved;
}

} // namespace

class tst_HistoryLocation : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void chosenInOrder_data();
    void chosenInOrder();
    void optionTakesAFile();
};

void tst_HistoryLocation::initTestCase()
{
    qputenv("XDG_STATE_HOME", "/var/tmp/e2i-state");
}

void tst_HistoryLocation::cleanupTestCase()
{
    qunsetenv("XDG_STATE_HOME");
}

void tst_HistoryLocation::chosenInOrder_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("historyFile");
    QTest::addColumn<QString>("expected");
    const QString configured = QStringLiteral("/srv/e2i/staging.sqlite");
    QTest::addRow("flag over configured") << QStringList{QStringLiteral("--history"), QStringLiteral("/tmp/h.sqlite")}
                                          << QStringLiteral("staging") << configured << QStringLiteral("/tmp/h.sqlite");
    QTest::addRow("flag with =") << QStringList{QStringLiteral("--history=/tmp/h2.sqlite")} << QStringLiteral("staging")
                                 << QString() << QStringLiteral("/tmp/h2.sqlite");
    QTest::addRow("configured over default") << QStringList{} << QStringLiteral("staging") << configured << configured;
    QTest::addRow("default of the environment") << QStringList{} << QStringLiteral("staging") << QString()
                                                << QStringLiteral("/var/tmp/e2i-state/e2i-console/history/staging.sqlite");
    QTest::addRow("no environment") << QStringList{} << QString() << QString()
                                    << QStringLiteral("/var/tmp/e2i-state/e2i-console/history/local.sqlite");
    // An environment name is the user's text: it cannot leave the directory.
    QTest::addRow("name with a path") << QStringList{} << QStringLiteral("../../etc/x") << QString()
                                      << QStringLiteral("/var/tmp/e2i-state/e2i-console/history/_.._.._etc_x.sqlite");
}

void tst_HistoryLocation::chosenInOrder()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, environment);
    QFETCH(QString, historyFile);
    QFETCH(QString, expected);
    QCOMPARE(chosen(arguments, ::environment(environment, historyFile)), expected);
}

void tst_HistoryLocation::optionTakesAFile()
{
    const QCommandLineOption option = HistoryLocation::option();
    QCOMPARE(option.names(), QStringList{QStringLiteral("history")});
    QCOMPARE(option.valueName(), QStringLiteral("FILE"));
    QVERIFY(chosen({QStringLiteral("--history")}, {}).startsWith(QStringLiteral("<parse error")));
}

QTEST_GUILESS_MAIN(tst_HistoryLocation)
#include "tst_HistoryLocation.moc"
