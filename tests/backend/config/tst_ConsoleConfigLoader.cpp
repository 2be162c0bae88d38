#include "config/ConsoleConfigLoader.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace e2i;

namespace {

QString fixture(const QString &name)
{
    return QStringLiteral(E2I_TEST_DATA_DIR "/config/") + name;
}

QString fixtureDir()
{
    return QDir::cleanPath(QStringLiteral(E2I_TEST_DATA_DIR "/config"));
}

int lineOf(const QString &file, const QString &needle)
{
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly))
        return -1;
    const QStringList lines = QString::fromUtf8(input.readAll()).split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i].contains(needle))
            return static_cast<int>(i + 1);
    }
    return -1;
}

const Diagnostic *findDiagnostic(const Diagnostics &diagnostics, const QString &field)
{
    for (const Diagnostic &diagnostic : diagnostics) {
        if (diagnostic.field == field)
            return &diagnostic;
    }
    return nullptr;
}

// console.yml with `text` written into a fresh temporary directory.
ConsoleConfig loadText(const QByteArray &text)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("console.yml")));
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        return {};
    file.close();
    return ConsoleConfigLoader::load(file.fileName());
}

QString dump(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &diagnostic : diagnostics)
        lines.append(diagnostic.toString());
    return lines.join(u'\n');
}

} // namespace

class tst_ConsoleConfigLoader : public QObject {
    Q_OBJECT
private slots:
    void defaultPathIsUnderGenericConfig();
    void readsEveryKey();
    void productionFollowsNameUnlessSaid_data();
    void productionFollowsNameUnlessSaid();
    void passwordsAreRefusedAndNeverEchoed_data();
    void passwordsAreRefusedAndNeverEchoed();
    void wrongTypesAndUnknownKeys_data();
    void wrongTypesAndUnknownKeys();
    void malformedYamlReportsLine();
    void monitorNumbersAreRangeChecked_data();
    void monitorNumbersAreRangeChecked();
    void longHistoryIsCountedIn64Bits();
    void tooManyPointsPerSeriesIsRefused();
    void priorityStepsAreKombus();
    void hostileValuesAreEscapedInMessages();
    void missingFileIsAnError();
    void alertmanagerUrlIsChecked_data();
    void alertmanagerUrlIsChecked();
    void alertmanagerWithPassword_data();
    void alertmanagerWithPassword();
    void flowSettingsAreLayered();
    void flowValuesAreChecked_data();
    void flowValuesAreChecked();
};

void tst_ConsoleConfigLoader::defaultPathIsUnderGenericConfig()
{
    QCOMPARE(ConsoleConfigLoader::defaultPath(),
             QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
                 + QStringLiteral("/e2i-console/console.yml"));
}

void tst_ConsoleConfigLoader::readsEveryKey()
{
    const ConsoleConfig config = ConsoleConfigLoader::load(fixture(QStringLiteral("console.yml")));
    QVERIFY2(config.diagnostics.isEmpty(), qPrintable(dump(config.diagnostics)));
    QCOMPARE(config.environments.size(), 4);
    QCOMPARE(config.defaultEnvironment, QStringLiteral("staging"));
    const EnvironmentConfig *sandbox = config.environment(QStringLiteral("sandbox"));
    QVERIFY(sandbox);
    QCOMPARE(sandbox->composeFile, QDir::cleanPath(fixtureDir() + QStringLiteral("/../platform/forms.yml")));
    QCOMPARE(sandbox->autoscaleFile, QStringLiteral("/etc/e2i/autoscale.yml"));
    QCOMPARE(sandbox->dockerHost, QStringLiteral("127.0.0.1"));
    QCOMPARE(sandbox->redisUrl, QStringLiteral("redis://127.0.0.1:6379/0"));
    const EnvironmentConfig *staging = config.environment(QStringLiteral("staging"));
    QCOMPARE(staging->composeFile, fixtureDir() + QStringLiteral("/staging/docker-compose.yml"));
    QCOMPARE(staging->redisUrl, QStringLiteral("redis://ops@10.0.0.5:6380/2"));
    QCOMPARE(staging->passwordEnv, QStringLiteral("E2I_STAGING_REDIS_PASSWORD"));
    QCOMPARE(staging->colour, QStringLiteral("#f9a825"));
    QCOMPARE(config.environment(QStringLiteral("prod"))->passwordFile,
             fixtureDir() + QStringLiteral("/secrets/prod-redis.pass"));
    const MonitorSettings &monitor = config.monitor;
    QCOMPARE(monitor.sampleIntervalMs, 500);
    QCOMPARE(monitor.probeTimeoutMs, 1500);
    QCOMPARE(monitor.redisTimeoutMs, 800);
    QCOMPARE(monitor.slowThresholdMs, 700);
    QCOMPARE(monitor.historySeconds, 3600);
    QCOMPARE(monitor.keyPrefix, QStringLiteral("e2i:"));
    QCOMPARE(monitor.prioritySteps, (QList<int>{0, 5, 9}));
    QCOMPARE(config.snapshotDir, fixtureDir() + QStringLiteral("/snapshots"));
}

void tst_ConsoleConfigLoader::productionFollowsNameUnlessSaid_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("production");
    QTest::addRow("sandbox") << "sandbox" << false;
    QTest::addRow("prod by name") << "prod" << true;
    QTest::addRow("production says otherwise") << "production" << false;
}

void tst_ConsoleConfigLoader::productionFollowsNameUnlessSaid()
{
    QFETCH(QString, name);
    const ConsoleConfig config = ConsoleConfigLoader::load(fixture(QStringLiteral("console.yml")));
    const EnvironmentConfig *environment = config.environment(name);
    QVERIFY(environment);
    QTEST(environment->production, "production");
}

void tst_ConsoleConfigLoader::passwordsAreRefusedAndNeverEchoed_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("lineText");
    QTest::addRow("in redis_url") << "environments.staging.redis_url" << "redis_url:";
    QTest::addRow("environment key") << "environments.staging.password" << "password: TopSecretKey";
    QTest::addRow("nested anywhere") << "monitor.password" << "password: TopSecretMonitor";
}

void tst_ConsoleConfigLoader::passwordsAreRefusedAndNeverEchoed()
{
    QFETCH(QString, field);
    QFETCH(QString, lineText);
    const QString file = fixture(QStringLiteral("console-passwords.yml"));
    const ConsoleConfig config = ConsoleConfigLoader::load(file);
    const Diagnostic *diagnostic = findDiagnostic(config.diagnostics, field);
    QVERIFY2(diagnostic, qPrintable(dump(config.diagnostics)));
    QCOMPARE(diagnostic->severity, Diagnostic::Severity::Error);
    QCOMPARE(diagnostic->line, lineOf(file, lineText));
    QVERIFY(diagnostic->message.contains(QStringLiteral("use password_env or password_file")));
    for (const Diagnostic &any : config.diagnostics)
        QVERIFY2(!any.toString().contains(QStringLiteral("TopSecret")), qPrintable(any.toString()));
    // The URL is kept, without its password.
    QCOMPARE(config.environment(QStringLiteral("staging"))->redisUrl, QStringLiteral("redis://ops@10.0.0.5:6380/2"));
}

void tst_ConsoleConfigLoader::wrongTypesAndUnknownKeys_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("lineText");
    QTest::addColumn<Diagnostic::Severity>("severity");
    QTest::addRow("boolean") << "environments.sandbox.production" << "sometimes" << Diagnostic::Severity::Error;
    QTest::addRow("url scheme") << "environments.sandbox.redis_url" << "wrong-scheme" << Diagnostic::Severity::Error;
    QTest::addRow("unknown environment key") << "environments.sandbox.favourite" << "favourite" << Diagnostic::Severity::Warning;
    QTest::addRow("integer") << "monitor.sample_interval_ms" << "fast" << Diagnostic::Severity::Error;
    QTest::addRow("positive") << "monitor.probe_timeout_ms" << "-5" << Diagnostic::Severity::Error;
    QTest::addRow("list") << "monitor.priority_steps" << "priority_steps" << Diagnostic::Severity::Error;
    QTest::addRow("unknown top-level key") << "colours" << "colours" << Diagnostic::Severity::Warning;
    QTest::addRow("default names no environment") << "default_environment" << "nowhere" << Diagnostic::Severity::Error;
}

void tst_ConsoleConfigLoader::wrongTypesAndUnknownKeys()
{
    QFETCH(QString, field);
    QFETCH(QString, lineText);
    const QString file = fixture(QStringLiteral("console-bad.yml"));
    const ConsoleConfig config = ConsoleConfigLoader::load(file);
    const Diagnostic *diagnostic = findDiagnostic(config.diagnostics, field);
    QVERIFY2(diagnostic, qPrintable(dump(config.diagnostics)));
    QCOMPARE(diagnostic->file, file);
    QCOMPARE(diagnostic->line, lineOf(file, lineText));
    QTEST(diagnostic->severity, "severity");
    // Bad values keep the defaults.
    QCOMPARE(config.monitor.sampleIntervalMs, MonitorSettings{}.sampleIntervalMs);
    QCOMPARE(config.monitor.probeTimeoutMs, MonitorSettings{}.probeTimeoutMs);
    QCOMPARE(config.environments.size(), 1);
}

void tst_ConsoleConfigLoader::malformedYamlReportsLine()
{
    const QString file = fixture(QStringLiteral("console-malformed.yml"));
    const ConsoleConfig config = ConsoleConfigLoader::load(file);
    QCOMPARE(config.diagnostics.size(), 1);
    QCOMPARE(config.diagnostics.first().file, file);
    QVERIFY(config.diagnostics.first().line > 0);
    QVERIFY(config.environments.isEmpty());
}

void tst_ConsoleConfigLoader::monitorNumbersAreRangeChecked_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("value");
    QTest::addColumn<bool>("accepted");
    QTest::addRow("1 ms sampling") << "sample_interval_ms" << 1 << false;
    QTest::addRow("sampling just below") << "sample_interval_ms" << 99 << false;
    QTest::addRow("sampling lowest") << "sample_interval_ms" << 100 << true;
    QTest::addRow("sampling hourly") << "sample_interval_ms" << 3'600'000 << true;
    QTest::addRow("sampling past an hour") << "sample_interval_ms" << 3'600'001 << false;
    QTest::addRow("probe timeout zero") << "probe_timeout_ms" << 0 << false;
    QTest::addRow("probe timeout a minute") << "probe_timeout_ms" << 60'000 << true;
    QTest::addRow("probe timeout past a minute") << "probe_timeout_ms" << 60'001 << false;
    QTest::addRow("redis timeout 50 ms") << "redis_timeout_ms" << 50 << false;
    QTest::addRow("redis timeout 100 ms") << "redis_timeout_ms" << 100 << true;
    QTest::addRow("slow threshold zero") << "slow_threshold_ms" << 0 << false;
    QTest::addRow("slow threshold 1 ms") << "slow_threshold_ms" << 1 << true;
    QTest::addRow("history 59 s") << "history_seconds" << 59 << false;
    QTest::addRow("history a week") << "history_seconds" << 604'800 << true;
    QTest::addRow("history past 90 days") << "history_seconds" << 7'776'001 << false;
}

void tst_ConsoleConfigLoader::monitorNumbersAreRangeChecked()
{
    QFETCH(QString, key);
    QFETCH(int, value);
    QFETCH(bool, accepted);
    const ConsoleConfig config = loadText("# monitor settings\nmonitor:\n  " + key.toUtf8() + ": " + QByteArray::number(value) + '\n');
    const int MonitorSettings::*member = key == QStringLiteral("sample_interval_ms") ? &MonitorSettings::sampleIntervalMs
        : key == QStringLiteral("probe_timeout_ms")                                 ? &MonitorSettings::probeTimeoutMs
        : key == QStringLiteral("redis_timeout_ms")                                 ? &MonitorSettings::redisTimeoutMs
        : key == QStringLiteral("slow_threshold_ms")                                ? &MonitorSettings::slowThresholdMs
                                                                                    : &MonitorSettings::historySeconds;
    if (accepted) {
        QVERIFY2(config.diagnostics.isEmpty(), qPrintable(dump(config.diagnostics)));
        QCOMPARE(config.monitor.*member, value);
        return;
    }
    QCOMPARE(config.diagnostics.size(), 1);
    const Diagnostic &d = config.diagnostics.first();
    QCOMPARE(d.severity, Diagnostic::Severity::Error);
    QVERIFY(d.file.endsWith(QStringLiteral("console.yml")));
    QCOMPARE(d.line, 3);
    QCOMPARE(d.field, QStringLiteral("monitor.") + key);
    QVERIFY2(d.message.contains(QStringLiteral("must be between")) && d.message.contains(QString::number(value)),
             qPrintable(d.toString()));
    QCOMPARE(config.monitor.*member, MonitorSettings{}.*member);
}

// 30 days at 5 s: 518,400 points. In int milliseconds 30 days (2.592e9) overflowed
// and the monitor kept a single point.
void tst_ConsoleConfigLoader::longHistoryIsCountedIn64Bits()
{
    const ConsoleConfig config = loadText("monitor:\n  sample_interval_ms: 5000\n  history_seconds: 2592000\n");
    QVERIFY2(config.diagnostics.isEmpty(), qPrintable(dump(config.diagnostics)));
    QCOMPARE(config.monitor.historySeconds, 2'592'000);
    QCOMPARE(config.monitor.pointsPerSeries(), qint64(30) * 24 * 3600 / 5);
    QVERIFY(config.monitor.pointsPerSeries() <= MonitorSettings::MaxPointsPerSeries);
}

void tst_ConsoleConfigLoader::tooManyPointsPerSeriesIsRefused()
{
    // Both values are in range; together they would be 77,760,000 points a series.
    const ConsoleConfig config = loadText("monitor:\n  sample_interval_ms: 100\n  history_seconds: 7776000\n");
    QCOMPARE(config.diagnostics.size(), 1);
    const Diagnostic &d = config.diagnostics.first();
    QCOMPARE(d.field, QStringLiteral("monitor.history_seconds"));
    QCOMPARE(d.line, 3);
    QVERIFY2(d.message.contains(QString::number(MonitorSettings::MaxPointsPerSeries)), qPrintable(d.toString()));
    QCOMPARE(config.monitor.pointsPerSeries(), MonitorSettings{}.pointsPerSeries());
}

void tst_ConsoleConfigLoader::priorityStepsAreKombus()
{
    const ConsoleConfig config = loadText("monitor:\n  priority_steps: [0, 4, 10, -1]\n");
    QCOMPARE(config.diagnostics.size(), 2);
    QCOMPARE(config.diagnostics.at(0).field, QStringLiteral("monitor.priority_steps[2]"));
    QCOMPARE(config.diagnostics.at(1).field, QStringLiteral("monitor.priority_steps[3]"));
    QCOMPARE(config.diagnostics.at(0).line, 2);
    QCOMPARE(config.monitor.prioritySteps, (QList<int>{0, 4}));
}

// A value with a NUL and a terminal escape (written as YAML escapes, which PyYAML
// accepts) must not reach the terminal raw through the message.
void tst_ConsoleConfigLoader::hostileValuesAreEscapedInMessages()
{
    const ConsoleConfig config = loadText("monitor:\n  sample_interval_ms: \"1\\0\\e[2J\\e]0;owned\\a\"\n");
    QCOMPARE(config.diagnostics.size(), 1);
    const QString text = config.diagnostics.first().toString();
    for (const QChar c : text)
        QVERIFY2(c.isPrint(), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("'1\\x00\\x1B[2J\\x1B]0;owned\\x07'")), qPrintable(text));
}

void tst_ConsoleConfigLoader::missingFileIsAnError()
{
    const ConsoleConfig config = ConsoleConfigLoader::load(fixture(QStringLiteral("absent.yml")));
    QCOMPARE(config.diagnostics.size(), 1);
    QCOMPARE(config.diagnostics.first().severity, Diagnostic::Severity::Error);
}


void tst_ConsoleConfigLoader::alertmanagerUrlIsChecked_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("kept");    // empty: refused
    QTest::addColumn<QString>("message"); // part of the error
    QTest::addRow("plain") << "http://127.0.0.1:9093" << "http://127.0.0.1:9093" << "";
    QTest::addRow("prefix and user") << "https://ops@am.example:443/am" << "https://ops@am.example:443/am" << "";
    QTest::addRow("password") << "http://ops:TopSecretAm@127.0.0.1:9093" << "" << "passwords are not read";
    QTest::addRow("scheme") << "redis://127.0.0.1:9093" << "" << "expected an http:// or https:// URL";
    QTest::addRow("no host") << "http://" << "" << "expected an http:// or https:// URL";
    QTest::addRow("query") << "http://127.0.0.1:9093/?x=1" << "" << "no query or fragment";
}

// Per environment, refused with file, line and field; a password never echoed.
void tst_ConsoleConfigLoader::alertmanagerUrlIsChecked()
{
    QFETCH(QString, url);
    QFETCH(QString, kept);
    QFETCH(QString, message);
    const ConsoleConfig config = loadText(QStringLiteral("environments:\n"
                                                         "  staging:\n"
                                                         "    redis_url: redis://127.0.0.1:6379/0\n"
                                                         "    alertmanager: '%1'\n").arg(url).toUtf8());
    QCOMPARE(config.environment(QStringLiteral("staging"))->alertmanagerUrl, kept);
    const Diagnostic *diagnostic = findDiagnostic(config.diagnostics, QStringLiteral("environments.staging.alertmanager"));
    if (message.isEmpty()) {
        QVERIFY2(!diagnostic, qPrintable(dump(config.diagnostics)));
        return;
    }
    QVERIFY2(diagnostic && diagnostic->message.contains(message), qPrintable(dump(config.diagnostics)));
    QCOMPARE(diagnostic->line, 4);
    QVERIFY(diagnostic->file.endsWith(QStringLiteral("console.yml")));
    QVERIFY2(!dump(config.diagnostics).contains(QStringLiteral("TopSecret")), qPrintable(dump(config.diagnostics)));
}

// The map form: where the password is (never the password), and a user for it.
void tst_ConsoleConfigLoader::alertmanagerWithPassword_data()
{
    QTest::addColumn<QString>("yaml");    // the value of alertmanager:, one flow line
    QTest::addColumn<QString>("field");   // where the error is; empty: none
    QTest::addColumn<QString>("message"); // part of the error
    QTest::addRow("env") << "{url: 'http://ops@127.0.0.1:9093', password_env: AM_PASS}" << "" << "";
    QTest::addRow("file") << "{url: 'http://ops@127.0.0.1:9093', password_file: /tmp/am.pass}" << "" << "";
    QTest::addRow("no user") << "{url: 'http://127.0.0.1:9093', password_env: AM_PASS}"
                             << "environments.staging.alertmanager.url" << "names no user";
    QTest::addRow("password") << "{url: 'http://ops@127.0.0.1:9093', password: hunter2}"
                              << "environments.staging.alertmanager.password" << "passwords are not read";
    QTest::addRow("no url") << "{password_env: AM_PASS}" << "environments.staging.alertmanager" << "url is missing";
}

void tst_ConsoleConfigLoader::alertmanagerWithPassword()
{
    QFETCH(QString, yaml);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const ConsoleConfig config = loadText(QStringLiteral("environments:\n"
                                                         "  staging:\n"
                                                         "    redis_url: redis://127.0.0.1:6379/0\n"
                                                         "    alertmanager: %1\n").arg(yaml).toUtf8());
    const EnvironmentConfig *staging = config.environment(QStringLiteral("staging"));
    QVERIFY(staging);
    if (field.isEmpty()) {
        QVERIFY2(config.diagnostics.isEmpty(), qPrintable(dump(config.diagnostics)));
        QCOMPARE(staging->alertmanagerUrl, QStringLiteral("http://ops@127.0.0.1:9093"));
        QVERIFY(!staging->alertmanagerPasswordEnv.isEmpty() || !staging->alertmanagerPasswordFile.isEmpty());
        return;
    }
    const Diagnostic *diagnostic = findDiagnostic(config.diagnostics, field);
    QVERIFY2(diagnostic && diagnostic->message.contains(message), qPrintable(dump(config.diagnostics)));
    QCOMPARE(diagnostic->line, 4);
    QVERIFY2(!dump(config.diagnostics).contains(QStringLiteral("hunter2")), qPrintable(dump(config.diagnostics)));
}

// flow: at the top, an environment's over it key by key, the others' untouched.
void tst_ConsoleConfigLoader::flowSettingsAreLayered()
{
    const ConsoleConfig config = loadText("flow:\n  stall_seconds: 30\n  failing_rate: 0.5\n  show_task_args: true\n"
                                          "  growth_window_seconds: 120\n  max_task_keys: 64\n"
                                          "environments:\n  a:\n    compose_file: a.yml\n    flow:\n      stall_seconds: 90\n"
                                          "      show_task_args: false\n  b:\n    compose_file: b.yml\n");
    QVERIFY2(config.diagnostics.isEmpty(), qPrintable(dump(config.diagnostics)));
    QCOMPARE(config.environments.size(), 2);
    const FlowSettings a = config.flowSettings(config.environments[0]);
    const FlowSettings b = config.flowSettings(config.environments[1]);
    QCOMPARE(a.stallSeconds, 90);
    QCOMPARE(a.showTaskArgs, false);
    QCOMPARE(a.failingRate, 0.5);      // from the top level
    QCOMPARE(a.growthWindowMs, qint64(120'000));
    QCOMPARE(a.maxTaskKeys, 64);
    QCOMPARE(b.stallSeconds, 30);
    QCOMPARE(b.showTaskArgs, true);
    QCOMPARE(b.failingMinTasks, FlowSettings{}.failingMinTasks); // not given anywhere
}

void tst_ConsoleConfigLoader::flowValuesAreChecked_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("words");
    QTest::addRow("stall too short") << QByteArray("flow:\n  stall_seconds: 1\n") << "flow.stall_seconds" << 2 << "between 5 and 3600";
    QTest::addRow("rate zero") << QByteArray("flow:\n  failing_rate: 0\n") << "flow.failing_rate" << 2 << "above 0";
    QTest::addRow("rate above one") << QByteArray("flow:\n  failing_rate: 1.5\n") << "flow.failing_rate" << 2 << "at most 1";
    QTest::addRow("window past the ring") << QByteArray("flow:\n  failing_window_minutes: 61\n") << "flow.failing_window_minutes" << 2 << "between 1 and 60";
    QTest::addRow("unbounded tasks") << QByteArray("flow:\n  max_tracked_tasks: 50000000\n") << "flow.max_tracked_tasks" << 2 << "between 100 and 1000000";
    QTest::addRow("show args not a bool") << QByteArray("flow:\n  show_task_args: sometimes\n") << "flow.show_task_args" << 2 << "";
    QTest::addRow("growth window text") << QByteArray("flow:\n  growth_window_seconds: soon\n") << "flow.growth_window_seconds" << 2 << "";
    QTest::addRow("not a map") << QByteArray("flow: 5\n") << "flow" << 1 << "";
    QTest::addRow("in an environment") << QByteArray("environments:\n  a:\n    compose_file: a.yml\n    flow:\n      traceback_max_chars: 10\n")
                                       << "environments.a.flow.traceback_max_chars" << 5 << "between 200 and 100000";
}

void tst_ConsoleConfigLoader::flowValuesAreChecked()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, field);
    QFETCH(int, line);
    QFETCH(QString, words);
    const ConsoleConfig config = loadText(text);
    const Diagnostic *d = findDiagnostic(config.diagnostics, field);
    QVERIFY2(d, qPrintable(dump(config.diagnostics)));
    QCOMPARE(d->severity, Diagnostic::Severity::Error);
    QCOMPARE(d->line, line);
    QVERIFY2(d->file.endsWith(QStringLiteral("console.yml")), qPrintable(d->toString()));
    QVERIFY2(d->message.contains(words), qPrintable(d->toString()));
    // The value it would have replaced is kept.
    const FlowSettings kept = config.environments.isEmpty() ? config.flow : config.flowSettings(config.environments[0]);
    QCOMPARE(kept.stallSeconds, FlowSettings{}.stallSeconds);
    QCOMPARE(kept.failingRate, FlowSettings{}.failingRate);
    QCOMPARE(kept.maxTrackedTasks, FlowSettings{}.maxTrackedTasks);
    QCOMPARE(kept.tracebackMaxChars, FlowSettings{}.tracebackMaxChars);
    QCOMPARE(kept.showTaskArgs, false);
}

QTEST_GUILESS_MAIN(tst_ConsoleConfigLoader)
#include "tst_ConsoleConfigLoader.moc"
