// `e2ictl export prometheus-rules` checked by Debian's promtool: the file
// passes `promtool check rules` for the shipped defaults and for a console.yml
// with a rule of every kind, and `promtool test rules` shows the default
// queue-depth rule firing on a series above its level for longer than its
// `for:`, with the console's labels and text, and not firing below the level
// or before the duration.
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {
constexpr int kRunMs = 60'000; // one short program on a loaded 2-core machine

struct Run {
    int exitCode = -1;
    QString output; // stdout and stderr
};

Run run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(kRunMs) || process.exitStatus() != QProcess::NormalExit)
        return {-1, program + QStringLiteral(" did not finish: ") + process.errorString()};
    return {process.exitCode(), QString::fromUtf8(process.readAll())};
}

Run promtool(const QStringList &arguments)
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (program.isEmpty())
        return {-1, QStringLiteral("promtool not found (Debian package prometheus, scripts/debian-packages.txt)")};
    return run(program, arguments);
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Every kind, with subjects (one needing regex escapes), `status: degraded`,
// an odd text with a literal "{{", and a rule the defaults have turned off.
const QByteArray kEveryKind = R"yaml(default_environment: staging
environments:
  staging:
    alerts:
      - name: deep_shap
        kind: queue_depth
        above: 50
        for: 90s
        subjects: [shap, "we.ird(q)"]
      - name: slow_quick
        kind: queue_wait
        above_seconds: 30
        for: 5m
        subjects: [quick]
      - name: over_budget
        kind: cost_budget
        monthly_usd: 500
        severity: critical
      - name: degraded
        kind: service_status
        status: degraded
        text: 'service {subject} is {value} ({{ not a template }} "quoted")'
      - name: lost_workers
        kind: flow_finding
        finding: worker_lost
        subjects: [worker-1]
      - name: tier_saturated
        for: 1h
      - name: stalled
        enabled: false
)yaml";

const QByteArray kDefaults = "default_environment: staging\nenvironments:\n  staging: {}\n";

} // namespace

class tst_prometheus_rules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void defaultsPassPromtoolCheck();
    void everyKindPassesPromtoolCheck();
    void queueDepthRuleFiresInPromtoolTest();
    void backupAgeRuleFiresInPromtoolTest();
    void badConfigWritesNothing();

private:
    Run exportRules(const QByteArray &consoleYml, const QString &out);
    // Writes a `promtool test rules` file beside the exported rules.yml and runs it.
    Run promtoolTest(const QString &name, const QByteArray &test);
    QString path(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
};

void tst_prometheus_rules::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

Run tst_prometheus_rules::exportRules(const QByteArray &consoleYml, const QString &out)
{
    if (!writeFile(path(QStringLiteral("console.yml")), consoleYml))
        return {-1, QStringLiteral("cannot write console.yml")};
    return run(QStringLiteral(E2I_BINARY_DIR "/app/e2ictl"),
               {QStringLiteral("export"), QStringLiteral("prometheus-rules"), QStringLiteral("--config"),
                path(QStringLiteral("console.yml")), QStringLiteral("--env"), QStringLiteral("staging"),
                QStringLiteral("--out"), out});
}

Run tst_prometheus_rules::promtoolTest(const QString &name, const QByteArray &test)
{
    if (!writeFile(path(name), test))
        return {-1, QStringLiteral("cannot write ") + name};
    return promtool({QStringLiteral("test"), QStringLiteral("rules"), path(name)});
}

void tst_prometheus_rules::defaultsPassPromtoolCheck()
{
    const QString rules = path(QStringLiteral("defaults.rules.yml"));
    const Run exported = exportRules(kDefaults, rules);
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.output));
    QVERIFY2(!exported.output.contains(QStringLiteral("skipped")), qPrintable(exported.output));
    QFile file(rules);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    const Run check = promtool({QStringLiteral("check"), QStringLiteral("rules"), rules});
    // All nine defaults, backup_stale included.
    QVERIFY2(check.exitCode == 0 && check.output.contains(QStringLiteral("SUCCESS: 9 rules found")),
             qPrintable(check.output + u'\n' + text));
}

void tst_prometheus_rules::everyKindPassesPromtoolCheck()
{
    const QString rules = path(QStringLiteral("every-kind.rules.yml"));
    const Run exported = exportRules(kEveryKind, rules);
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.output));
    QFile file(rules);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    const Run check = promtool({QStringLiteral("check"), QStringLiteral("rules"), rules});
    // Nine defaults less `stalled` (off), and five new ones.
    QVERIFY2(check.exitCode == 0 && check.output.contains(QStringLiteral("SUCCESS: 13 rules found")),
             qPrintable(check.output + u'\n' + text));
    QVERIFY2(text.contains(QStringLiteral("alert: deep_shap")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("e2i_cost_usd_per_hour * 730 > 500")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("for: 1m30s")), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("alert: stalled")), qPrintable(text));
}

// The default queue_backlog: above 100 for 10 min. Queue shap holds 60 + 50
// (two priorities, summed as the console does) from the start; quick holds
// 99, just below the level, all along.
void tst_prometheus_rules::queueDepthRuleFiresInPromtoolTest()
{
    const QString rules = path(QStringLiteral("rules.yml"));
    const Run exported = exportRules(kDefaults, rules);
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.output));
    const QByteArray test = R"yaml(rule_files: [rules.yml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'e2i_queue_depth{queue="shap",tier="heavy",priority="0"}'
        values: '60x30'
      - series: 'e2i_queue_depth{queue="shap",tier="heavy",priority="3"}'
        values: '50x30'
      - series: 'e2i_queue_depth{queue="quick",tier="light",priority="0"}'
        values: '99x30'
    alert_rule_test:
      - eval_time: 9m
        alertname: queue_backlog
        exp_alerts: []
      - eval_time: 15m
        alertname: queue_backlog
        exp_alerts:
          - exp_labels:
              severity: warning
              subject: shap
              environment: staging
              queue: shap
              tier: heavy
            exp_annotations:
              summary: queue shap has 110 tasks waiting (above 100)
)yaml";
    const Run result = promtoolTest(QStringLiteral("rules.test.yml"), test);
    QVERIFY2(result.exitCode == 0 && result.output.contains(QStringLiteral("SUCCESS")), qPrintable(result.output));

    // The same test against a threshold of 110 fails: the rule is what decides.
    QByteArray higher = kDefaults + "alerts:\n  - name: queue_backlog\n    above: 110\n";
    QVERIFY2(exportRules(higher, rules).exitCode == 0, "export with above: 110");
    const Run failed = promtoolTest(QStringLiteral("rules.test.yml"), test);
    QVERIFY2(failed.exitCode != 0 && failed.output.contains(QStringLiteral("queue_backlog")), qPrintable(failed.output));
}

// The default backup_stale (for: 10m) on the recorder's backup gauges: target
// redis was verified at Unix time 0 with a 1 h maximum (too old from 1 h on,
// firing from 1 h 11 min); target volumes never had a verified backup (firing
// from 10 min, with its own text).
void tst_prometheus_rules::backupAgeRuleFiresInPromtoolTest()
{
    const QString rules = path(QStringLiteral("rules.yml"));
    const Run exported = exportRules(kDefaults, rules);
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.output));
    const QByteArray test = R"yaml(rule_files: [rules.yml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'e2i_backup_max_age_seconds{target="redis"}'
        values: '3600x90'
      - series: 'e2i_backup_last_verified_timestamp_seconds{target="redis"}'
        values: '0x90'
      - series: 'e2i_backup_max_age_seconds{target="volumes"}'
        values: '86400x90'
    alert_rule_test:
      - eval_time: 5m
        alertname: backup_stale
        exp_alerts: []
      - eval_time: 15m
        alertname: backup_stale
        exp_alerts:
          - exp_labels: {severity: warning, subject: volumes, environment: staging, target: volumes, verified: none}
            exp_annotations:
              summary: 'backup target volumes: no verified backup'
      - eval_time: 75m
        alertname: backup_stale
        exp_alerts:
          - exp_labels: {severity: warning, subject: redis, environment: staging, target: redis}
            exp_annotations:
              summary: 'backup target redis: newest verified backup is 1h 15m 0s old'
          - exp_labels: {severity: warning, subject: volumes, environment: staging, target: volumes, verified: none}
            exp_annotations:
              summary: 'backup target volumes: no verified backup'
)yaml";
    const Run result = promtoolTest(QStringLiteral("backup.test.yml"), test);
    QVERIFY2(result.exitCode == 0 && result.output.contains(QStringLiteral("SUCCESS")), qPrintable(result.output));
}

// A refused rule would make the file differ from what the console evaluates.
void tst_prometheus_rules::badConfigWritesNothing()
{
    const QString rules = path(QStringLiteral("bad.rules.yml"));
    const Run exported = exportRules(kDefaults + "alerts:\n  - name: broken\n    kind: queue_depth\n", rules);
    QCOMPARE(exported.exitCode, 2);
    QVERIFY2(exported.output.contains(QStringLiteral("console.yml:5:")) && exported.output.contains(QStringLiteral("above")),
             qPrintable(exported.output));
    QVERIFY(!QFile::exists(rules));
}

QTEST_GUILESS_MAIN(tst_prometheus_rules)
#include "tst_prometheus_rules.moc"
