// Service resources: deploy limits and reservations, service-level cpus/mem_limit.
#include "ProfileTestSupport.h"

#include <QTest>

using namespace e2i;
using namespace e2i::profiletest;

class tst_ServiceResources : public QObject {
    Q_OBJECT
private slots:
    void serviceLevelResources_data();
    void serviceLevelResources();
    void deployLimitsWinOverServiceLevel();
};

void tst_ServiceResources::serviceLevelResources_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<double>("limitCpus");
    QTest::addColumn<double>("limitGiB");
    QTest::addColumn<double>("reservedCpus");
    QTest::addColumn<double>("reservedGiB");
    QTest::addColumn<QString>("source");
    QTest::addRow("cpus/mem_limit/mem_reservation") << "service_level" << 1.5 << 2.0 << 0.0 << 0.5 << "cpus/mem_limit";
    QTest::addRow("deploy wins") << "deploy_wins" << 2.0 << 4.0 << 0.0 << 0.0 << "deploy.resources.limits";
    QTest::addRow("reservations only") << "reservations_only" << 0.0 << 0.0 << 0.5 << 1.0 << "";
}

void tst_ServiceResources::serviceLevelResources()
{
    QFETCH(QString, service);
    const PlatformProfile profile = loadProbes(); // spec points into it
    const ServiceSpec *spec = profile.service(service);
    QVERIFY(spec);
    QFETCH(double, limitCpus);
    QFETCH(double, limitGiB);
    QFETCH(double, reservedCpus);
    QFETCH(double, reservedGiB);
    QVERIFY(qAbs(spec->limits.cpus - limitCpus) < UnitTolerance);
    QVERIFY(qAbs(spec->limits.memoryGiB - limitGiB) < UnitTolerance);
    QVERIFY(qAbs(spec->reservations.cpus - reservedCpus) < UnitTolerance);
    QVERIFY(qAbs(spec->reservations.memoryGiB - reservedGiB) < UnitTolerance);
    QTEST(spec->limitsSource, "source");
}

void tst_ServiceResources::deployLimitsWinOverServiceLevel()
{
    const PlatformProfile profile = loadProbes();
    const Diagnostic *warning = findDiagnostic(profile.diagnostics, QStringLiteral("services.deploy_wins.cpus"));
    QVERIFY2(warning, qPrintable(dump(profile.diagnostics)));
    QCOMPARE(warning->severity, Diagnostic::Severity::Warning);
    QCOMPARE(warning->line, lineOf(fixture(QStringLiteral("probes.yml")), QStringLiteral("cpus: \"1\"")));
}

QTEST_GUILESS_MAIN(tst_ServiceResources)
#include "tst_ServiceResources.moc"
