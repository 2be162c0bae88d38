// Compose syntax as Compose reads it: merge keys, interpolation, ports, durations, sizes.
#include "ProfileTestSupport.h"

#include <QTest>

using namespace e2i;
using namespace e2i::profiletest;

class tst_ComposeSyntax : public QObject {
    Q_OBJECT
private slots:
    void mergeKeys_data();
    void mergeKeys();
    void interpolationForms_data();
    void interpolationForms();
    void interpolationInComposeFile();
    void requiredVariableIsAnError();
    void unsetVariablesAreReportedOnce();
    void portForms();
    void durations_data();
    void durations();
    void memorySizes_data();
    void memorySizes();
    void serviceUnitsVolumesAndShortCelery();
};

void tst_ComposeSyntax::mergeKeys_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("image");
    QTest::addColumn<int>("replicas");
    QTest::addColumn<double>("cpus");
    QTest::addColumn<double>("memoryGiB");
    QTest::addColumn<QStringList>("command");
    QTest::addRow("map") << "from_map" << "base:1" << 3 << 1.0 << 1.0 << QStringList();
    QTest::addRow("list: earlier map wins") << "from_list" << "extra:1" << 3 << 1.0 << 1.0 << strings({"extra"});
    // An explicit `deploy` replaces the merged one as a whole (merge is one level deep).
    QTest::addRow("explicit key overrides") << "explicit_wins" << "own:1" << 5 << 0.0 << 0.0 << QStringList();
    QTest::addRow("nested merge") << "nested" << "base:1" << 1 << 2.0 << 4.0 << QStringList();
    QTest::addRow("alias not changed by others") << "untouched" << "base:1" << 3 << 1.0 << 1.0 << QStringList();
}

void tst_ComposeSyntax::mergeKeys()
{
    QFETCH(QString, service);
    const PlatformProfile profile = loadFixture(QStringLiteral("merge-keys.yml"));
    QVERIFY2(profile.diagnostics.isEmpty(), qPrintable(dump(profile.diagnostics)));
    const ServiceSpec *spec = profile.service(service);
    QVERIFY(spec);
    QTEST(spec->image, "image");
    QTEST(spec->replicas, "replicas");
    QTEST(spec->limits.cpus, "cpus");
    QTEST(spec->limits.memoryGiB, "memoryGiB");
    QTEST(spec->command, "command");
}

void tst_ComposeSyntax::interpolationForms_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("unset");
    QTest::addColumn<bool>("fails");
    QTest::addRow("braced") << "a${SET}b" << "avalueb" << QStringList() << false;
    QTest::addRow("bare") << "$SET/x" << "value/x" << QStringList() << false;
    QTest::addRow("colon default, set") << "${SET:-d}" << "value" << QStringList() << false;
    QTest::addRow("colon default, empty") << "${EMPTY:-d}" << "d" << QStringList() << false;
    QTest::addRow("colon default, unset") << "${NOPE:-d}" << "d" << QStringList() << false;
    QTest::addRow("dash default, empty") << "${EMPTY-d}" << "" << QStringList() << false;
    QTest::addRow("dash default, unset") << "${NOPE-d}" << "d" << QStringList() << false;
    QTest::addRow("required, set") << "${SET:?needed}" << "value" << QStringList() << false;
    QTest::addRow("required, empty") << "${EMPTY:?needed}" << "" << QStringList() << true;
    QTest::addRow("required, unset") << "${NOPE:?needed}" << "" << QStringList() << true;
    QTest::addRow("double dollar") << "$$SET and $${SET}" << "$SET and ${SET}" << QStringList() << false;
    QTest::addRow("missing, no default") << "x${NOPE}y$NOPE2" << "xy" << strings({"NOPE", "NOPE2"}) << false;
    QTest::addRow("lone dollar") << "cost $ 5" << "cost $ 5" << QStringList() << false;
    QTest::addRow("unterminated") << "${SET" << "" << QStringList() << true;
}

void tst_ComposeSyntax::interpolationForms()
{
    QFETCH(QString, input);
    QFETCH(bool, fails);
    const QHash<QString, QString> environment{{QStringLiteral("SET"), QStringLiteral("value")},
                                              {QStringLiteral("EMPTY"), QString()}};
    const auto result = ComposeInterpolator::interpolate(input, environment);
    QCOMPARE(!result.error.isEmpty(), fails);
    if (fails)
        return;
    QTEST(result.text, "expected");
    QTEST(result.unsetVariables, "unset");
}

void tst_ComposeSyntax::interpolationInComposeFile()
{
    const QHash<QString, QString> environment{{QStringLiteral("PLAIN"), QStringLiteral("p")},
                                              {QStringLiteral("WITH_DEFAULT"), QStringLiteral("w")},
                                              {QStringLiteral("EMPTY"), QString()},
                                              {QStringLiteral("TAG"), QStringLiteral("1.2")}};
    const PlatformProfile profile = loadFixture(QStringLiteral("forms.yml"), environment);
    QCOMPARE(profile.service(QStringLiteral("interpolation"))->image,
             QStringLiteral("p-w-empty_default--dash_default-$HOME-"));
    QCOMPARE(profile.service(QStringLiteral("ports_short"))->image, QStringLiteral("docker.io/app:1.2"));
    const Diagnostic *missing = findDiagnostic(profile.diagnostics, QStringLiteral("services.interpolation.image"));
    QVERIFY(missing);
    QCOMPARE(missing->severity, Diagnostic::Severity::Warning);
    QVERIFY(missing->message.contains(QStringLiteral("MISSING")));
    QCOMPARE(missing->line, lineOf(fixture(QStringLiteral("forms.yml")), QStringLiteral("${MISSING}")));
}

void tst_ComposeSyntax::requiredVariableIsAnError()
{
    const PlatformProfile without = loadFixture(QStringLiteral("bad-types.yml"));
    const Diagnostic *error = findDiagnostic(without.diagnostics, QStringLiteral("services.good.command[1]"));
    QVERIFY2(error, qPrintable(dump(without.diagnostics)));
    QCOMPARE(error->severity, Diagnostic::Severity::Error);
    QCOMPARE(error->line, lineOf(fixture(QStringLiteral("bad-types.yml")), QStringLiteral("REQUIRED:?")));
    QVERIFY(error->message.contains(QStringLiteral("set REQUIRED to the release")));
    const PlatformProfile with = loadFixture(QStringLiteral("bad-types.yml"), {{QStringLiteral("REQUIRED"), QStringLiteral("r7")}});
    QVERIFY(!findDiagnostic(with.diagnostics, QStringLiteral("services.good.command[1]")));
    QCOMPARE(with.service(QStringLiteral("good"))->command, (strings({"run", "r7"})));
}

// x-common is merged into three services: one warning per variable, with every line.
void tst_ComposeSyntax::unsetVariablesAreReportedOnce()
{
    const PlatformProfile profile = loadProbes();
    QStringList unset;
    for (const Diagnostic &d : profile.diagnostics) {
        if (d.message.contains(QStringLiteral("is not set")))
            unset.append(d.message);
    }
    QCOMPARE(unset.size(), 2);
    const QString file = fixture(QStringLiteral("probes.yml"));
    const int imageLine = lineOf(file, QStringLiteral("image: app:${UNSET_TAG}"));
    const int commandLine = lineOf(file, QStringLiteral("command: echo ${UNSET_TAG}"));
    QVERIFY2(unset.contains(QStringLiteral("variable UNSET_TAG is not set; using an empty string (5 use(s), line(s) %1, %2)")
                                .arg(imageLine).arg(commandLine)), qPrintable(unset.join(u'\n')));
    QVERIFY2(unset.contains(QStringLiteral("variable UNSET_LEVEL is not set; using an empty string (4 use(s), line(s) %1)")
                                .arg(lineOf(file, QStringLiteral("LOG_LEVEL: ${UNSET_LEVEL}")))), qPrintable(unset.join(u'\n')));
}

void tst_ComposeSyntax::portForms()
{
    const PlatformProfile profile = loadFixture(QStringLiteral("forms.yml"));
    const ServiceSpec *spec = profile.service(QStringLiteral("ports_short"));
    QVERIFY(spec);
    QCOMPARE(spec->ports.size(), 5);
    const auto check = [&](int index, const QString &ip, int host, int container, const QString &protocol) {
        const PortMapping &port = spec->ports.at(index);
        return port.hostIp == ip && port.hostPort == host && port.containerPort == container && port.protocol == protocol;
    };
    QVERIFY(check(0, QString(), 6379, 6379, QStringLiteral("tcp")));
    QVERIFY(check(1, QStringLiteral("127.0.0.1"), 8080, 80, QStringLiteral("tcp")));
    QVERIFY(check(2, QString(), 8443, 443, QStringLiteral("udp")));
    QVERIFY(check(3, QString(), 0, 9000, QStringLiteral("tcp")));
    QVERIFY(check(4, QStringLiteral("0.0.0.0"), 15000, 5000, QStringLiteral("tcp")));
    QCOMPARE(spec->publishedPort(9000), std::nullopt);
}

void tst_ComposeSyntax::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("seconds");
    QTest::addColumn<bool>("valid");
    QTest::addRow("seconds") << "30s" << 30.0 << true;
    QTest::addRow("minutes and seconds") << "1m30s" << 90.0 << true;
    QTest::addRow("milliseconds") << "500ms" << 0.5 << true;
    QTest::addRow("hours") << "1h" << 3600.0 << true;
    QTest::addRow("fraction") << "1.5s" << 1.5 << true;
    QTest::addRow("no unit") << "30" << 0.0 << false;
    QTest::addRow("junk") << "soon" << 0.0 << false;
    QTest::addRow("trailing junk") << "30sx" << 0.0 << false;
}

void tst_ComposeSyntax::durations()
{
    QFETCH(QString, text);
    QFETCH(double, seconds);
    QFETCH(bool, valid);
    const auto parsed = ComposeUnits::durationSeconds(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QVERIFY(qAbs(*parsed - seconds) < UnitTolerance);
}

void tst_ComposeSyntax::memorySizes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("gib");
    QTest::addColumn<bool>("valid");
    QTest::addRow("1G") << "1G" << 1.0 << true;
    QTest::addRow("512M") << "512M" << 0.5 << true;
    QTest::addRow("1.5g") << "1.5g" << 1.5 << true;
    QTest::addRow("1024m") << "1024m" << 1.0 << true;
    QTest::addRow("2GiB") << "2GiB" << 2.0 << true;
    QTest::addRow("2gb") << "2gb" << 2.0 << true;
    QTest::addRow("kilobytes") << "1048576k" << 1.0 << true;
    QTest::addRow("plain bytes") << "536870912" << 0.5 << true;
    QTest::addRow("bad unit") << "3 bananas" << 0.0 << false;
    QTest::addRow("negative") << "-1G" << 0.0 << false;
}

void tst_ComposeSyntax::memorySizes()
{
    QFETCH(QString, text);
    QFETCH(double, gib);
    QFETCH(bool, valid);
    const auto parsed = ComposeUnits::memoryGiB(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QVERIFY(qAbs(*parsed - gib) < UnitTolerance);
}

void tst_ComposeSyntax::serviceUnitsVolumesAndShortCelery()
{
    const PlatformProfile profile = loadFixture(QStringLiteral("forms.yml"));
    const ServiceSpec *units = profile.service(QStringLiteral("units"));
    QVERIFY(units);
    QCOMPARE(units->limits.cpus, 1.5);
    QCOMPARE(units->limits.memoryGiB, 1.5);
    QCOMPARE(units->reservations.cpus, 0.25);
    QCOMPARE(units->reservations.memoryGiB, 2.0);
    QCOMPARE(units->volumes, (strings({"named_data", "long_data"})));
    QCOMPARE(units->celeryQueues, (strings({"alpha", "beta"})));
    QCOMPARE(units->celeryHostnamePrefix, QStringLiteral("batch"));
    QCOMPARE(units->celeryConcurrency, 8);
    const ServiceSpec *memory = profile.service(QStringLiteral("memory_forms"));
    QCOMPARE(memory->limits.memoryGiB, 1.5);
    QCOMPARE(memory->reservations.memoryGiB, 1.0);
    const ServiceSpec *health = profile.service(QStringLiteral("health_cmd_curl"));
    QCOMPARE(health->health.intervalSeconds, 90);
    QCOMPARE(health->health.timeoutSeconds, 1); // 500ms rounds up to whole seconds
}

QTEST_GUILESS_MAIN(tst_ComposeSyntax)
#include "tst_ComposeSyntax.moc"
