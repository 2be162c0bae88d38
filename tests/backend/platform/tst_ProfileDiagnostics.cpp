// Bad platform files: every problem named with file, line and field; what could be read is kept.
#include "ProfileTestSupport.h"

#include <QTest>

using namespace e2i;
using namespace e2i::profiletest;

class tst_ProfileDiagnostics : public QObject {
    Q_OBJECT
private slots:
    void wrongTypesNameFileLineAndField_data();
    void wrongTypesNameFileLineAndField();
    void malformedYamlReportsPosition();
    void missingFileIsAnError();
    void autoscaleProblems();
};

void tst_ProfileDiagnostics::wrongTypesNameFileLineAndField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("lineText");
    QTest::addColumn<Diagnostic::Severity>("severity");
    QTest::addColumn<QString>("message");
    QTest::addRow("cpus") << "services.api.deploy.resources.limits.cpus" << "cpus: lots"
                          << Diagnostic::Severity::Error << "expected a number, got 'lots'";
    QTest::addRow("memory") << "services.api.deploy.resources.limits.memory" << "memory: 3 bananas"
                            << Diagnostic::Severity::Error << "got '3 bananas'";
    QTest::addRow("replicas") << "services.api.deploy.replicas" << "replicas: many"
                              << Diagnostic::Severity::Error << "expected an integer, got 'many'";
    QTest::addRow("port") << "services.api.ports[0]" << "not-a-port" << Diagnostic::Severity::Error << "not-a-port";
    QTest::addRow("interval") << "services.api.healthcheck.interval" << "interval: soon"
                              << Diagnostic::Severity::Error << "got 'soon'";
    QTest::addRow("unknown deploy key") << "services.api.deploy.surprise" << "surprise:"
                                        << Diagnostic::Severity::Warning << "unknown key";
    QTest::addRow("unknown service key") << "services.api.colour" << "colour:"
                                         << Diagnostic::Severity::Warning << "unknown key";
}

void tst_ProfileDiagnostics::wrongTypesNameFileLineAndField()
{
    QFETCH(QString, field);
    QFETCH(QString, lineText);
    QFETCH(QString, message);
    const QString file = fixture(QStringLiteral("bad-types.yml"));
    const PlatformProfile profile = PlatformProfileLoader::loadCompose(file, {});
    const Diagnostic *diagnostic = findDiagnostic(profile.diagnostics, field);
    QVERIFY2(diagnostic, qPrintable(dump(profile.diagnostics)));
    QCOMPARE(diagnostic->file, file);
    QCOMPARE(diagnostic->line, lineOf(file, lineText));
    QTEST(diagnostic->severity, "severity");
    QVERIFY2(diagnostic->message.contains(message), qPrintable(diagnostic->message));
    // The rest of the file is still read.
    QCOMPARE(profile.services.size(), 2);
    QCOMPARE(profile.service(QStringLiteral("api"))->image, QStringLiteral("api:1"));
    QCOMPARE(profile.service(QStringLiteral("api"))->health.kind, HealthProbe::Kind::Http);
}

void tst_ProfileDiagnostics::malformedYamlReportsPosition()
{
    const QString file = fixture(QStringLiteral("malformed.yml"));
    const PlatformProfile profile = PlatformProfileLoader::loadCompose(file, {});
    QCOMPARE(profile.diagnostics.size(), 1);
    const Diagnostic &error = profile.diagnostics.first();
    QCOMPARE(error.severity, Diagnostic::Severity::Error);
    QCOMPARE(error.file, file);
    // yaml-cpp notices the unclosed flow list where the next key starts.
    QCOMPARE(error.line, lineOf(file, QStringLiteral("other:")));
    QVERIFY(error.column > 0);
    QVERIFY(error.message.startsWith(QStringLiteral("invalid YAML")));
}

void tst_ProfileDiagnostics::missingFileIsAnError()
{
    const QString file = fixture(QStringLiteral("does-not-exist.yml"));
    const PlatformProfile profile = PlatformProfileLoader::load(file, file, {});
    QCOMPARE(profile.diagnostics.size(), 2);
    for (const Diagnostic &diagnostic : profile.diagnostics) {
        QCOMPARE(diagnostic.severity, Diagnostic::Severity::Error);
        QCOMPARE(diagnostic.file, file);
    }
}

void tst_ProfileDiagnostics::autoscaleProblems()
{
    const QString file = fixture(QStringLiteral("autoscale-bad.yml"));
    const PlatformProfile profile =
        PlatformProfileLoader::load(referenceFile(QStringLiteral("docker-compose.yml")), file, {});
    const auto expect = [&](const QString &field, Diagnostic::Severity severity, const QString &lineText,
                            const QString &after = QString()) -> QString {
        const Diagnostic *diagnostic = findDiagnostic(profile.diagnostics, field);
        if (!diagnostic)
            return QStringLiteral("no diagnostic for ") + field;
        if (diagnostic->severity != severity || diagnostic->file != file || diagnostic->line != lineOf(file, lineText, after))
            return QStringLiteral("unexpected: ") + diagnostic->toString();
        return QString();
    };
    QCOMPARE(expect(QStringLiteral("poll_interval_seconds"), Diagnostic::Severity::Error, QStringLiteral("often")), QString());
    QCOMPARE(expect(QStringLiteral("speed"), Diagnostic::Severity::Warning, QStringLiteral("speed:")), QString());
    QCOMPARE(expect(QStringLiteral("tiers.light.min_replicas"), Diagnostic::Severity::Error, QStringLiteral("min_replicas: -1")), QString());
    QCOMPARE(expect(QStringLiteral("tiers.ghost.surge"), Diagnostic::Severity::Warning, QStringLiteral("surge:")), QString());
    QCOMPARE(expect(QStringLiteral("tiers.ghost.service"), Diagnostic::Severity::Error, QStringLiteral("no_such_service")), QString());
    // What could be read is kept.
    QCOMPARE(profile.autoscale.dryRun, true);
    QCOMPARE(profile.autoscale.tiers.size(), 2);
    QCOMPARE(profile.autoscale.tier(QStringLiteral("ghost"))->scaleUpThreshold, 5.0);
    QCOMPARE(profile.autoscale.lines.value(QStringLiteral("tiers.ghost.scale_up_threshold")),
             lineOf(file, QStringLiteral("scale_up_threshold: 5")));
}

QTEST_GUILESS_MAIN(tst_ProfileDiagnostics)
#include "tst_ProfileDiagnostics.moc"
