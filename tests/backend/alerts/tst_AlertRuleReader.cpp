// alerts: in console.yml: layering over the defaults, and bad rules refused
// with file, line and field.
#include "config/ConsoleConfigLoader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace e2i;

namespace {

struct Loaded {
    ConsoleConfig config;
    QString file;
};

Loaded loadText(const QTemporaryDir &dir, const QByteArray &text)
{
    const QString path = dir.filePath(QStringLiteral("console.yml"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        return {};
    file.close();
    return {ConsoleConfigLoader::load(path), path};
}

const AlertRule *findRule(const QList<AlertRule> &rules, const QString &name)
{
    for (const AlertRule &r : rules)
        if (r.name == name)
            return &r;
    return nullptr;
}

QString dump(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines.append(d.toString());
    return lines.join(u'\n');
}

const QByteArray Layered = R"(environments:
  staging:
    compose_file: compose.yml
    alerts:
      - name: budget
        monthly_usd: 900
      - name: service_down
        enabled: true
  prod:
    compose_file: compose.yml
    alerts:
      - name: queue_backlog
        for: 20m
alerts:
  - name: budget
    kind: cost_budget
    severity: critical
    monthly_usd: 2000
    text: "{subject} at {value} USD"
  - name: service_down
    enabled: false
  - name: heavy_wait
    kind: queue_wait
    above_seconds: 120
    for: 90
    subjects: [heavy]
)";

} // namespace

class tst_AlertRuleReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultsWithoutAlerts();
    void layersOverDefaultsByName();
    void badRules_data();
    void badRules();
    void parametersOfTheKind();
};

void tst_AlertRuleReader::defaultsWithoutAlerts()
{
    QTemporaryDir dir;
    const Loaded loaded = loadText(dir, "environments:\n  sandbox:\n    compose_file: c.yml\n");
    QVERIFY2(!hasErrors(loaded.config.diagnostics), qPrintable(dump(loaded.config.diagnostics)));
    const QList<AlertRule> rules = loaded.config.alertRules(loaded.config.environments.first());
    QCOMPARE(rules, DefaultAlertRules::rules());
    const AlertRule *down = findRule(rules, QStringLiteral("service_down"));
    QVERIFY(down);
    QCOMPARE(down->forMs, 2 * 60 * 1000);
    QCOMPARE(down->severity, AlertSeverity::Critical);
}

void tst_AlertRuleReader::layersOverDefaultsByName()
{
    QTemporaryDir dir;
    const Loaded loaded = loadText(dir, Layered);
    QVERIFY2(!hasErrors(loaded.config.diagnostics), qPrintable(dump(loaded.config.diagnostics)));
    const EnvironmentConfig *staging = loaded.config.environment(QStringLiteral("staging"));
    const EnvironmentConfig *prod = loaded.config.environment(QStringLiteral("prod"));
    QVERIFY(staging && prod);

    const QList<AlertRule> top = loaded.config.alertRules(*prod);
    QVERIFY(!findRule(top, QStringLiteral("service_down"))); // disabled at the top level
    const AlertRule *budget = findRule(top, QStringLiteral("budget"));
    QVERIFY(budget);
    QCOMPARE(budget->kind, AlertKind::CostBudget);
    QCOMPARE(budget->threshold, 2000.0);
    QCOMPARE(budget->severity, AlertSeverity::Critical);
    QCOMPARE(budget->text, QStringLiteral("{subject} at {value} USD"));
    const AlertRule *wait = findRule(top, QStringLiteral("heavy_wait"));
    QVERIFY(wait);
    QCOMPARE(wait->forMs, 90 * 1000);
    QCOMPARE(wait->subjects, QStringList{QStringLiteral("heavy")});
    QCOMPARE(findRule(top, QStringLiteral("queue_backlog"))->forMs, 20 * 60 * 1000); // prod's change
    QCOMPARE(findRule(top, QStringLiteral("queue_backlog"))->threshold, 100.0);     // the rest inherited

    const QList<AlertRule> st = loaded.config.alertRules(*staging);
    QVERIFY(findRule(st, QStringLiteral("service_down"))); // enabled again
    QCOMPARE(findRule(st, QStringLiteral("budget"))->threshold, 900.0);
    QCOMPARE(findRule(st, QStringLiteral("budget"))->severity, AlertSeverity::Critical); // kept from the top level
    QCOMPARE(findRule(st, QStringLiteral("queue_backlog"))->forMs, 10 * 60 * 1000);
}

void tst_AlertRuleReader::badRules_data()
{
    QTest::addColumn<QByteArray>("rule");
    QTest::addColumn<int>("line");      // of the problem, in the file below
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    // The rule starts at line 2 of the file.
    QTest::addRow("unknown kind") << QByteArray("  - name: a\n    kind: queue_size\n    above: 1\n") << 3
                                  << QStringLiteral("alerts[0].kind") << QStringLiteral("unknown kind 'queue_size'");
    QTest::addRow("bad severity") << QByteArray("  - name: a\n    kind: redis_disconnected\n    severity: page\n") << 4
                                  << QStringLiteral("alerts[0].severity") << QStringLiteral("unknown severity 'page'");
    QTest::addRow("negative for") << QByteArray("  - name: a\n    kind: redis_disconnected\n    for: -5m\n") << 4
                                  << QStringLiteral("alerts[0].for") << QStringLiteral("must not be negative");
    QTest::addRow("bad for") << QByteArray("  - name: a\n    kind: redis_disconnected\n    for: soon\n") << 4
                             << QStringLiteral("alerts[0].for") << QStringLiteral("is not a duration");
    QTest::addRow("missing name") << QByteArray("  - kind: redis_disconnected\n    for: 1m\n") << 2
                                  << QStringLiteral("alerts[0].name") << QStringLiteral("every rule needs a name");
    QTest::addRow("bad name") << QByteArray("  - name: Redis Down\n    kind: redis_disconnected\n") << 2
                              << QStringLiteral("alerts[0].name") << QStringLiteral("is not a rule name");
    QTest::addRow("duplicate name")
        << QByteArray("  - name: a\n    kind: redis_disconnected\n  - name: a\n    kind: redis_disconnected\n") << 4
        << QStringLiteral("alerts[1].name") << QStringLiteral("already in this list");
    QTest::addRow("unknown field") << QByteArray("  - name: a\n    kind: redis_disconnected\n    duration: 5m\n") << 4
                                   << QStringLiteral("alerts[0].duration") << QStringLiteral("unknown field 'duration'");
    QTest::addRow("missing kind") << QByteArray("  - name: new_rule\n    for: 1m\n") << 2
                                  << QStringLiteral("alerts[0].kind") << QStringLiteral("missing");
    QTest::addRow("missing parameter") << QByteArray("  - name: a\n    kind: queue_depth\n") << 2
                                       << QStringLiteral("alerts[0].above") << QStringLiteral("needs 'above'");
    QTest::addRow("parameter of another kind")
        << QByteArray("  - name: a\n    kind: queue_depth\n    above: 5\n    monthly_usd: 3\n") << 5
        << QStringLiteral("alerts[0].monthly_usd") << QStringLiteral("not a parameter of kind queue_depth");
    QTest::addRow("negative threshold") << QByteArray("  - name: a\n    kind: queue_depth\n    above: -1\n") << 4
                                        << QStringLiteral("alerts[0].above") << QStringLiteral("must not be negative");
    QTest::addRow("unknown finding") << QByteArray("  - name: a\n    kind: flow_finding\n    finding: slow\n") << 4
                                     << QStringLiteral("alerts[0].finding") << QStringLiteral("unknown finding 'slow'");
    QTest::addRow("not a list") << QByteArray("  name: a\n") << 2 << QStringLiteral("alerts")
                                << QStringLiteral("expected a list of rules");
}

void tst_AlertRuleReader::badRules()
{
    QFETCH(QByteArray, rule);
    QFETCH(int, line);
    QFETCH(QString, field);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const Loaded loaded = loadText(dir, "alerts:\n" + rule);
    const Diagnostics &d = loaded.config.diagnostics;
    const auto found = std::find_if(d.cbegin(), d.cend(), [&](const Diagnostic &x) { return x.field == field; });
    QVERIFY2(found != d.cend(), qPrintable(dump(d)));
    QCOMPARE(found->severity, Diagnostic::Severity::Error);
    QCOMPARE(found->line, line);
    QCOMPARE(found->file, loaded.file);
    QVERIFY2(found->message.contains(message), qPrintable(found->message));
    const QString text = found->toString();
    QVERIFY2(text.contains(QStringLiteral(":%1:").arg(line)) && text.contains(field), qPrintable(text));
    // The bad rule is refused; the defaults stay.
    QCOMPARE(loaded.config.alerts.size(), DefaultAlertRules::rules().size() + (QTest::currentDataTag() == QByteArray("duplicate name") ? 1 : 0));
}

void tst_AlertRuleReader::parametersOfTheKind()
{
    QTemporaryDir dir;
    const Loaded loaded = loadText(dir, "alerts:\n"
                                        "  - {name: deg, kind: service_status, status: degraded, subjects: api}\n"
                                        "  - {name: lost, kind: flow_finding, finding: worker_lost, for: 0}\n"
                                        "  - {name: zero, kind: redis_disconnected, for: 0s, severity: warning}\n");
    QVERIFY2(!hasErrors(loaded.config.diagnostics), qPrintable(dump(loaded.config.diagnostics)));
    const AlertRule *deg = findRule(loaded.config.alerts, QStringLiteral("deg"));
    QVERIFY(deg && deg->degradedCounts);
    QCOMPARE(deg->subjects, QStringList{QStringLiteral("api")});
    QCOMPARE(findRule(loaded.config.alerts, QStringLiteral("lost"))->finding, QStringLiteral("worker_lost"));
    QCOMPARE(findRule(loaded.config.alerts, QStringLiteral("zero"))->forMs, 0);
}

QTEST_GUILESS_MAIN(tst_AlertRuleReader)
#include "tst_AlertRuleReader.moc"
