// PricingCatalog: the built-in c6i prices, bad files, and the user override.
#include "cost/PricingCatalog.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace e2i;

namespace {

constexpr double kPriceTolerance = 1e-12;

QString fixture(const QString &name)
{
    return QStringLiteral(E2I_TEST_DATA_DIR "/cost/") % name;
}

QString describe(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines << d.toString();
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class tst_PricingCatalog : public QObject {
    Q_OBJECT
private slots:
    void builtInHasTheListPrices_data();
    void builtInHasTheListPrices();
    void builtInMatchesTheSourceFile();
    void rejectsBadFiles_data();
    void rejectsBadFiles();
    void missingFileIsReported();
    void userOverrideFollowsXdgConfigHome();
    void preferredFallsBackWhenOverrideIsBroken();
};

void tst_PricingCatalog::builtInHasTheListPrices_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("vcpus");
    QTest::addColumn<double>("memoryGiB");
    QTest::addColumn<double>("usdPerHour");
    // AWS c6i on-demand list prices, us-east-1, as specified for the project.
    QTest::addRow("large") << QStringLiteral("c6i.large") << 2.0 << 4.0 << 0.085;
    QTest::addRow("xlarge") << QStringLiteral("c6i.xlarge") << 4.0 << 8.0 << 0.17;
    QTest::addRow("2xlarge") << QStringLiteral("c6i.2xlarge") << 8.0 << 16.0 << 0.34;
    QTest::addRow("4xlarge") << QStringLiteral("c6i.4xlarge") << 16.0 << 32.0 << 0.68;
    QTest::addRow("8xlarge") << QStringLiteral("c6i.8xlarge") << 32.0 << 64.0 << 1.36;
    QTest::addRow("12xlarge") << QStringLiteral("c6i.12xlarge") << 48.0 << 96.0 << 2.04;
    QTest::addRow("16xlarge") << QStringLiteral("c6i.16xlarge") << 64.0 << 128.0 << 2.72;
    QTest::addRow("24xlarge") << QStringLiteral("c6i.24xlarge") << 96.0 << 192.0 << 4.08;
    QTest::addRow("32xlarge") << QStringLiteral("c6i.32xlarge") << 128.0 << 256.0 << 5.44;
}

void tst_PricingCatalog::builtInHasTheListPrices()
{
    QFETCH(QString, name);
    QFETCH(double, vcpus);
    QFETCH(double, memoryGiB);
    QFETCH(double, usdPerHour);

    const PricingCatalog catalog = PricingCatalog::builtIn();
    QCOMPARE(catalog.instances().size(), 9);
    QCOMPARE(catalog.hoursPerMonth(), 730.0);
    const auto instance = catalog.instance(name);
    QVERIFY(instance);
    QCOMPARE(instance->vcpus, vcpus);
    QCOMPARE(instance->memoryGiB, memoryGiB);
    QVERIFY(qAbs(instance->usdPerHour - usdPerHour) < kPriceTolerance);
}

void tst_PricingCatalog::builtInMatchesTheSourceFile()
{
    Diagnostics diagnostics;
    const PricingCatalog fromSource = PricingCatalog::fromFile(
        QStringLiteral(E2I_SOURCE_DIR "/resources/pricing/aws-c6i-us-east-1.yml"), &diagnostics);
    QVERIFY2(diagnostics.isEmpty(), qPrintable(describe(diagnostics)));
    QCOMPARE(fromSource.instances().size(), PricingCatalog::builtIn().instances().size());
    QVERIFY(PricingCatalog::builtIn().description().contains(QStringLiteral("list price")));
    QCOMPARE(PricingCatalog::builtIn().largest()->name, QStringLiteral("c6i.32xlarge"));
}

void tst_PricingCatalog::rejectsBadFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("problem");

    QTest::addRow("missing price") << QStringLiteral("missing-price.yml") << 4
                                   << QStringLiteral("instances[1].usd_per_hour") << QStringLiteral("is required");
    QTest::addRow("negative vcpus") << QStringLiteral("negative-vcpus.yml") << 5
                                    << QStringLiteral("instances[0].vcpus") << QStringLiteral("greater than 0");
    QTest::addRow("price not a number") << QStringLiteral("price-not-number.yml") << 7
                                        << QStringLiteral("instances[0].usd_per_hour") << QStringLiteral("must be a number, got 'cheap'");
    QTest::addRow("duplicate name") << QStringLiteral("duplicate-name.yml") << 4
                                    << QStringLiteral("instances[2].name") << QStringLiteral("listed twice");
    QTest::addRow("no instances") << QStringLiteral("no-instances.yml") << 2
                                  << QStringLiteral("instances") << QStringLiteral("non-empty list");
    QTest::addRow("bad hours") << QStringLiteral("bad-hours.yml") << 1
                               << QStringLiteral("hours_per_month") << QStringLiteral("greater than 0");
    QTest::addRow("invalid yaml") << QStringLiteral("invalid-yaml.yml") << 3
                                  << QString() << QStringLiteral("not valid YAML");
}

void tst_PricingCatalog::rejectsBadFiles()
{
    QFETCH(QString, file);
    QFETCH(int, line);
    QFETCH(QString, field);
    QFETCH(QString, problem);

    Diagnostics diagnostics;
    const PricingCatalog catalog = PricingCatalog::fromFile(fixture(file), &diagnostics);

    QVERIFY(catalog.isEmpty());
    QVERIFY2(diagnostics.size() == 1, qPrintable(describe(diagnostics)));
    const Diagnostic &d = diagnostics.first();
    QCOMPARE(d.file, fixture(file));
    QCOMPARE(d.line, line);
    QCOMPARE(d.field, field);
    QVERIFY2(d.message.contains(problem), qPrintable(d.message));
}

void tst_PricingCatalog::missingFileIsReported()
{
    Diagnostics diagnostics;
    const QString path = fixture(QStringLiteral("does-not-exist.yml"));
    QVERIFY(PricingCatalog::fromFile(path, &diagnostics).isEmpty());
    QCOMPARE(diagnostics.size(), 1);
    QCOMPARE(diagnostics.first().file, path);
    QVERIFY(diagnostics.first().message.contains(QStringLiteral("cannot read")));
}

void tst_PricingCatalog::userOverrideFollowsXdgConfigHome()
{
    QTemporaryDir config;
    QVERIFY(config.isValid());
    qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());
    QCOMPARE(PricingCatalog::userOverridePath(), config.path() % QStringLiteral("/e2i-console/pricing.yml"));

    QVERIFY(QDir(config.path()).mkpath(QStringLiteral("e2i-console")));
    QVERIFY(QFile::copy(fixture(QStringLiteral("two-instances.yml")), PricingCatalog::userOverridePath()));
    Diagnostics diagnostics;
    const PricingCatalog catalog = PricingCatalog::preferred(&diagnostics);
    qunsetenv("XDG_CONFIG_HOME");

    QVERIFY2(diagnostics.isEmpty(), qPrintable(describe(diagnostics)));
    QCOMPARE(catalog.instances().size(), 2);
    QCOMPARE(catalog.hoursPerMonth(), 720.0);
}

void tst_PricingCatalog::preferredFallsBackWhenOverrideIsBroken()
{
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());
    QVERIFY(QDir(config.path()).mkpath(QStringLiteral("e2i-console")));
    QVERIFY(QFile::copy(fixture(QStringLiteral("missing-price.yml")), PricingCatalog::userOverridePath()));
    Diagnostics diagnostics;
    const PricingCatalog catalog = PricingCatalog::preferred(&diagnostics);
    qunsetenv("XDG_CONFIG_HOME");

    QCOMPARE(catalog.instances().size(), 9); // the built-in prices
    QCOMPARE(diagnostics.size(), 2);         // the error, then the fallback warning
    QCOMPARE(diagnostics.last().severity, Diagnostic::Severity::Warning);
}

QTEST_GUILESS_MAIN(tst_PricingCatalog)
#include "tst_PricingCatalog.moc"
