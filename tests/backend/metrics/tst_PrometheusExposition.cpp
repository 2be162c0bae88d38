// The /metrics text of a hand-built platform sample, flow snapshot, recorder
// status and alert states: exact lines (escaping, cumulative histogram buckets, the
// order), unknown measurements left out rather than written as 0, no secret
// in a label; and Debian's `promtool check metrics` accepts the text with no
// lint problem.
#include "metrics/AlertMetrics.h"
#include "metrics/BackupMetrics.h"
#include "metrics/MetricsCollector.h"
#include "metrics/PrometheusExposition.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace e2i;

namespace {
const QDateTime kAt = QDateTime(QDate(2026, 12, 6), QTime(12, 0), Qt::UTC);
const QString kOddQueue = QStringLiteral("we\"ird\\q\nx"); // a quote, a backslash, a newline

QueueDepth queue(const QString &name, const QString &tier, QMap<int, qint64> byPriority, qint64 unacked)
{
    QueueDepth q;
    q.name = name;
    q.tier = tier;
    q.byPriority = byPriority;
    for (const qint64 n : byPriority)
        q.depth += n;
    q.unacked = unacked;
    return q;
}

TierState tier(const QString &name, int replicas, int minReplicas, int maxReplicas, bool known)
{
    TierState t;
    t.name = name;
    t.replicas = replicas;
    t.minReplicas = minReplicas;
    t.maxReplicas = maxReplicas;
    t.countsKnown = known;
    return t;
}

ServiceHealth service(const QString &name, HealthStatus status, double latencyMs)
{
    ServiceHealth s;
    s.name = name;
    s.status = status;
    s.latencyMs = latencyMs;
    return s;
}

PlatformSample sample()
{
    PlatformSample s;
    s.environment = QStringLiteral("staging");
    s.sampledAt = kAt;
    s.redis.url = QStringLiteral("redis://ops@127.0.0.1:6379/0");
    s.redis.connected = true;
    s.eventsConnected = true;
    s.queues = {queue(QStringLiteral("shap"), QStringLiteral("heavy"), {{0, 5}, {3, 2}}, 1),
                queue(kOddQueue, QStringLiteral("light"), {{0, 4}}, 0)};
    QueueDepth broken = queue(QStringLiteral("broken"), QStringLiteral("light"), {{0, 0}}, 0);
    broken.error = QStringLiteral("WRONGTYPE");
    s.queues.append(broken);
    s.tiers = {tier(QStringLiteral("light"), 2, 1, 4, true), tier(QStringLiteral("heavy"), 0, 0, 2, false)};
    s.services = {service(QStringLiteral("api"), HealthStatus::Up, 12.5),
                  service(QStringLiteral("mlflow"), HealthStatus::Down, -1),
                  service(QStringLiteral("scheduler"), HealthStatus::Unknown, -1)};
    s.attention = {{QStringLiteral("stalled"), QStringLiteral("heavy"), kAt, QStringLiteral("no progress")}};
    return s;
}

TaskFlowSnapshot flow()
{
    TaskFlowSnapshot f;
    f.taskEvents = 42;
    TaskTotals t;
    t.name = QStringLiteral("e2i.shap.explain");
    t.queue = QStringLiteral("shap");
    t.tier = QStringLiteral("heavy");
    t.counts.sent = 3;
    t.counts.succeeded = 2;
    t.counts.failed = 1;
    for (const double runtime : {0.00390625, 0.25, 7.0}) // exact in binary; 0.25 is on a bound (le is <=)
        t.runtime.record(runtime);
    f.totals = {t};
    return f;
}

MetricsInputs inputs()
{
    MetricsInputs in;
    in.sample = sample();
    in.complete = true;
    in.flow = flow();
    in.costUsdPerHour = 1.25;
    RecorderStatus recorder;
    recorder.open = true;
    recorder.lastWrittenMs = kAt.toMSecsSinceEpoch() + 500;
    recorder.writeFailures = 3;
    in.recorder = recorder;
    return in;
}

AlertState alert(const QString &rule, const QString &subject, AlertState::Phase phase, AlertSeverity severity)
{
    AlertState a;
    a.rule = rule;
    a.subject = subject;
    a.severity = severity;
    a.phase = phase;
    a.activeSinceMs = kAt.toMSecsSinceEpoch() - 600'000;
    a.firedAtMs = phase == AlertState::Phase::Pending ? 0 : kAt.toMSecsSinceEpoch() - 60'000;
    a.resolvedAtMs = phase == AlertState::Phase::Resolved ? kAt.toMSecsSinceEpoch() : 0;
    return a;
}

// One of each phase the evaluator holds, one subject with characters to escape.
QList<AlertState> alerts()
{
    return {alert(QStringLiteral("queue_backlog"), kOddQueue, AlertState::Phase::Firing, AlertSeverity::Warning),
            alert(QStringLiteral("service_down"), QStringLiteral("mlflow"), AlertState::Phase::Pending, AlertSeverity::Critical),
            alert(QStringLiteral("stalled"), QStringLiteral("heavy"), AlertState::Phase::Resolved, AlertSeverity::Critical)};
}

// A target verified an hour ago, and one never verified.
QList<BackupAge> backupAges()
{
    return {BackupAge{QStringLiteral("redis"), kAt.toMSecsSinceEpoch() - 3'600'000, 24},
            BackupAge{QStringLiteral("volumes"), 0, 48}};
}

QByteArray renderWithAlerts(const MetricsInputs &in)
{
    return PrometheusExposition::render(
        MetricsCollector::collect(in, {{QStringLiteral("alerts"), AlertMetrics::families(alerts())},
                                       {QStringLiteral("backups"), BackupMetrics::families(backupAges())}}));
}

QString render(const MetricsInputs &in)
{
    return QString::fromUtf8(PrometheusExposition::render(MetricsCollector::collect(in)));
}

// The lines of one family, HELP and TYPE included.
QStringList familyLines(const QString &text, const QString &name)
{
    QStringList out;
    for (const QString &line : text.split(u'\n')) {
        if (line.startsWith(name + u'{') || line.startsWith(name + u' ') || line.startsWith(name + QStringLiteral("_"))
            || line.startsWith(QStringLiteral("# HELP ") + name + u' ') || line.startsWith(QStringLiteral("# TYPE ") + name + u' '))
            out.append(line);
    }
    return out;
}

// Runs `promtool check metrics` on the text; returns its exit code and output.
std::pair<int, QString> promtool(const QByteArray &text)
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (program.isEmpty())
        return {-1, QStringLiteral("promtool not found (Debian package prometheus, scripts/debian-packages.txt)")};
    QProcess process;
    process.start(program, {QStringLiteral("check"), QStringLiteral("metrics")});
    if (!process.waitForStarted(10'000))
        return {-1, process.errorString()};
    process.write(text);
    process.closeWriteChannel();
    if (!process.waitForFinished(30'000))
        return {-1, QStringLiteral("promtool did not finish")};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError())};
}

void compareLines(const QStringList &actual, const QStringList &expected)
{
    if (actual != expected)
        qWarning("actual:\n%s\nexpected:\n%s", qPrintable(actual.join(u'\n')), qPrintable(expected.join(u'\n')));
    QCOMPARE(actual, expected);
}
} // namespace

class tst_PrometheusExposition : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escaping_data();
    void escaping();
    void values_data();
    void values();
    void queueDepthPerPriorityWithLabelsEscaped();
    void histogramBucketsAreCumulative();
    void countersAndGauges();
    void unknownsAreLeftOut();
    void disconnectedRedisHasNoDepths();
    void workersUnknownUntilComplete();
    void noSecretInLabels();
    void outputIsSortedAndStable();
    void extraFamiliesAreRendered();
    void alertStatesAsAlertsSeries();
    void backupAgesAsTimestamps();
    void promtoolAcceptsIt();
    void promtoolWouldComplain();
};

void tst_PrometheusExposition::escaping_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("escaped");
    QTest::addRow("plain") << QStringLiteral("shap") << QStringLiteral("shap");
    QTest::addRow("quote") << QStringLiteral("a\"b") << QStringLiteral("a\\\"b");
    QTest::addRow("backslash") << QStringLiteral("a\\b") << QStringLiteral("a\\\\b");
    QTest::addRow("newline") << QStringLiteral("a\nb") << QStringLiteral("a\\nb");
    QTest::addRow("all") << kOddQueue << QStringLiteral("we\\\"ird\\\\q\\nx");
    QTest::addRow("unicode kept") << QStringLiteral("café ✓") << QStringLiteral("café ✓");
}

void tst_PrometheusExposition::escaping()
{
    QFETCH(QString, raw);
    QFETCH(QString, escaped);
    QCOMPARE(PrometheusExposition::escapeLabelValue(raw), escaped);
}

void tst_PrometheusExposition::values_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::addRow("integer") << 7.0 << QStringLiteral("7");
    QTest::addRow("fraction") << 0.0125 << QStringLiteral("0.0125");
    QTest::addRow("timestamp ms") << 1796558400.5 << QStringLiteral("1796558400.5");
    QTest::addRow("+Inf") << std::numeric_limits<double>::infinity() << QStringLiteral("+Inf");
    QTest::addRow("-Inf") << -std::numeric_limits<double>::infinity() << QStringLiteral("-Inf");
    QTest::addRow("NaN") << std::numeric_limits<double>::quiet_NaN() << QStringLiteral("NaN");
}

void tst_PrometheusExposition::values()
{
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(PrometheusExposition::formatValue(value), text);
}

void tst_PrometheusExposition::queueDepthPerPriorityWithLabelsEscaped()
{
    const QString text = render(inputs());
    compareLines(familyLines(text, QStringLiteral("e2i_queue_depth")),
                 {QStringLiteral("# HELP e2i_queue_depth Messages waiting in a queue's priority sub-queue (LLEN)."),
                  QStringLiteral("# TYPE e2i_queue_depth gauge"),
                  QStringLiteral("e2i_queue_depth{queue=\"shap\",tier=\"heavy\",priority=\"0\"} 5"),
                  QStringLiteral("e2i_queue_depth{queue=\"shap\",tier=\"heavy\",priority=\"3\"} 2"),
                  QStringLiteral("e2i_queue_depth{queue=\"we\\\"ird\\\\q\\nx\",tier=\"light\",priority=\"0\"} 4")});
    compareLines(familyLines(text, QStringLiteral("e2i_queue_unacked")).mid(2),
                 {QStringLiteral("e2i_queue_unacked{queue=\"shap\",tier=\"heavy\"} 1"),
                  QStringLiteral("e2i_queue_unacked{queue=\"we\\\"ird\\\\q\\nx\",tier=\"light\"} 0")});
    QVERIFY2(!text.contains(QStringLiteral("broken")), "a queue whose depth could not be read has no depth");
}

void tst_PrometheusExposition::histogramBucketsAreCumulative()
{
    const QString labels = QStringLiteral("task=\"e2i.shap.explain\",queue=\"shap\",tier=\"heavy\"");
    QStringList expected{
        QStringLiteral("# HELP e2i_task_runtime_seconds Runtime of finished tasks (started to succeeded or failed)."),
        QStringLiteral("# TYPE e2i_task_runtime_seconds histogram")};
    // 0.0039 s, 0.25 s and 7 s: each bucket counts what is <= its bound.
    const QStringList bounds{QStringLiteral("0.005"), QStringLiteral("0.01"), QStringLiteral("0.025"),
                             QStringLiteral("0.05"),  QStringLiteral("0.1"),  QStringLiteral("0.25"),
                             QStringLiteral("0.5"),   QStringLiteral("1"),    QStringLiteral("2.5"),
                             QStringLiteral("5"),     QStringLiteral("10"),   QStringLiteral("30"),
                             QStringLiteral("60"),    QStringLiteral("120"),  QStringLiteral("300"),
                             QStringLiteral("900"),   QStringLiteral("3600")};
    QCOMPARE(bounds.size(), qsizetype(CumulativeHistogram::kBounds.size()));
    const int counts[] = {1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3};
    for (int i = 0; i < bounds.size(); ++i)
        expected.append(QStringLiteral("e2i_task_runtime_seconds_bucket{%1,le=\"%2\"} %3").arg(labels, bounds[i]).arg(counts[i]));
    expected.append(QStringLiteral("e2i_task_runtime_seconds_bucket{%1,le=\"+Inf\"} 3").arg(labels));
    expected.append(QStringLiteral("e2i_task_runtime_seconds_sum{%1} 7.25390625").arg(labels));
    expected.append(QStringLiteral("e2i_task_runtime_seconds_count{%1} 3").arg(labels));
    const QString text = render(inputs());
    compareLines(familyLines(text, QStringLiteral("e2i_task_runtime_seconds")), expected);
    QVERIFY2(!text.contains(QStringLiteral("e2i_task_wait_seconds")), "no wait observed: no histogram");
}

void tst_PrometheusExposition::countersAndGauges()
{
    const QString text = render(inputs());
    const QString labels = QStringLiteral("{task=\"e2i.shap.explain\",queue=\"shap\",tier=\"heavy\"}");
    compareLines(familyLines(text, QStringLiteral("e2i_task_failed_total")),
                 {QStringLiteral("# HELP e2i_task_failed_total Celery task-failed events per task name, queue and tier."),
                  QStringLiteral("# TYPE e2i_task_failed_total counter"),
                  QStringLiteral("e2i_task_failed_total") + labels + QStringLiteral(" 1")});
    const QStringList lines = text.split(u'\n');
    for (const QString &line : QStringList{QStringLiteral("e2i_task_sent_total") + labels + QStringLiteral(" 3"),
                                QStringLiteral("e2i_task_succeeded_total") + labels + QStringLiteral(" 2"),
                                QStringLiteral("e2i_task_events_total 42"),
                                QStringLiteral("e2i_tier_workers{tier=\"light\"} 2"),
                                QStringLiteral("e2i_tier_min_replicas{tier=\"heavy\"} 0"),
                                QStringLiteral("e2i_tier_max_replicas{tier=\"heavy\"} 2"),
                                QStringLiteral("e2i_tier_counts_known{tier=\"heavy\"} 0"),
                                QStringLiteral("e2i_tier_counts_known{tier=\"light\"} 1"),
                                QStringLiteral("e2i_service_up{service=\"api\"} 1"),
                                QStringLiteral("e2i_service_up{service=\"mlflow\"} 0"),
                                QStringLiteral("e2i_service_status{service=\"mlflow\",status=\"down\"} 1"),
                                QStringLiteral("e2i_service_status{service=\"mlflow\",status=\"up\"} 0"),
                                QStringLiteral("e2i_service_probe_duration_seconds{service=\"api\"} 0.0125"),
                                QStringLiteral("e2i_redis_connected 1"),
                                QStringLiteral("e2i_events_connected 1"),
                                QStringLiteral("e2i_sample_timestamp_seconds %1").arg(kAt.toSecsSinceEpoch()),
                                QStringLiteral("e2i_flow_finding{kind=\"stalled\",subject=\"heavy\"} 1"),
                                QStringLiteral("e2i_cost_usd_per_hour 1.25"),
                                QStringLiteral("e2i_recorder_up 1"),
                                QStringLiteral("e2i_recorder_last_write_timestamp_seconds %1.5").arg(kAt.toSecsSinceEpoch()),
                                QStringLiteral("e2i_recorder_write_failures_total 3")})
        QVERIFY2(lines.contains(line), qPrintable(line));
}

void tst_PrometheusExposition::unknownsAreLeftOut()
{
    const QString text = render(inputs());
    // The heavy tier's counts are unknown: no worker count, not 0 workers.
    QVERIFY(!text.contains(QStringLiteral("e2i_tier_workers{tier=\"heavy\"}")));
    // The scheduler cannot be probed: no up, status or latency at all.
    QVERIFY(!text.contains(QStringLiteral("service=\"scheduler\"")));
    // mlflow did not answer: up 0, but no probe duration.
    QVERIFY(!text.contains(QStringLiteral("e2i_service_probe_duration_seconds{service=\"mlflow\"}")));

    MetricsInputs in = inputs();
    in.costUsdPerHour.reset();
    in.recorder->lastWrittenMs = 0;
    const QString bare = render(in);
    QVERIFY(!bare.contains(QStringLiteral("e2i_cost_usd_per_hour")));      // not even HELP/TYPE
    QVERIFY(!bare.contains(QStringLiteral("e2i_recorder_last_write"))); // nothing written yet is not 1970
}

void tst_PrometheusExposition::disconnectedRedisHasNoDepths()
{
    MetricsInputs in = inputs();
    in.sample->redis.connected = false;
    for (TierState &t : in.sample->tiers)
        t.countsKnown = false; // as PlatformMonitor marks them
    const QString text = render(in);
    QVERIFY(text.split(u'\n').contains(QStringLiteral("e2i_redis_connected 0")));
    QVERIFY(!text.contains(QStringLiteral("e2i_queue_depth")));
    QVERIFY(!text.contains(QStringLiteral("e2i_queue_unacked")));
    QVERIFY(!text.contains(QStringLiteral("e2i_tier_workers")));
    QVERIFY(text.contains(QStringLiteral("e2i_tier_max_replicas{tier=\"light\"} 4"))); // policy, not measured
}

void tst_PrometheusExposition::workersUnknownUntilComplete()
{
    MetricsInputs in = inputs();
    in.complete = false; // no full heartbeat period heard yet
    const QString text = render(in);
    QVERIFY(!text.contains(QStringLiteral("e2i_tier_workers")));
    QVERIFY(text.contains(QStringLiteral("e2i_tier_counts_known{tier=\"light\"} 0")));
    QVERIFY(text.contains(QStringLiteral("e2i_queue_depth{queue=\"shap\"")));
}

void tst_PrometheusExposition::noSecretInLabels()
{
    MetricsInputs in = inputs();
    in.sample->redis.url = QStringLiteral("redis://ops:hunter2@10.0.0.5:6379/0"); // never set so; checked anyway
    const QString text = render(in);
    QVERIFY(!text.contains(QStringLiteral("hunter2")));
    QVERIFY2(text.contains(QStringLiteral("e2i_platform_info{environment=\"staging\",redis=\"redis://ops:***@10.0.0.5:6379/0\"} 1")),
             qPrintable(familyLines(text, QStringLiteral("e2i_platform_info")).join(u'\n')));
}

void tst_PrometheusExposition::outputIsSortedAndStable()
{
    const QString text = render(inputs());
    QCOMPARE(render(inputs()), text);
    QStringList names;
    for (const QString &line : text.split(u'\n'))
        if (line.startsWith(QStringLiteral("# TYPE ")))
            names.append(line.section(u' ', 2, 2));
    QStringList sorted = names;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(names, sorted);
    QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size()); // each family once
    QVERIFY(text.endsWith(u'\n'));
}

void tst_PrometheusExposition::extraFamiliesAreRendered()
{
    MetricFamily alerts{QStringLiteral("e2i_example_extra"), QStringLiteral("From another producer."), MetricType::Gauge, {}};
    alerts.add({{QStringLiteral("name"), QStringLiteral("QueueDeep")}}, 1);
    const QString text = QString::fromUtf8(PrometheusExposition::render(
        MetricsCollector::collect(inputs(), {{QStringLiteral("alerts"), {alerts}}})));
    QVERIFY(text.split(u'\n').contains(QStringLiteral("e2i_example_extra{name=\"QueueDeep\"} 1")));
}

// Pending and firing alerts are series, the way Prometheus writes ALERTS; a
// resolved one is not (its absence is the resolution).
void tst_PrometheusExposition::alertStatesAsAlertsSeries()
{
    const QString text = QString::fromUtf8(renderWithAlerts(inputs()));
    const QString firing = QStringLiteral("alertname=\"queue_backlog\",subject=\"we\\\"ird\\\\q\\nx\",severity=\"warning\"");
    const QString pending = QStringLiteral("alertname=\"service_down\",subject=\"mlflow\",severity=\"critical\"");
    QCOMPARE(familyLines(text, QStringLiteral("e2i_alerts")),
             QStringList({QStringLiteral("# HELP e2i_alerts 1 for each pending or firing alert of the console's rules (as Prometheus' ALERTS)."),
                          QStringLiteral("# TYPE e2i_alerts gauge"),
                          QStringLiteral("e2i_alerts{%1,alertstate=\"firing\"} 1").arg(firing),
                          QStringLiteral("e2i_alerts{%1,alertstate=\"pending\"} 1").arg(pending)}));
    const QStringList lines = text.split(u'\n');
    QVERIFY(lines.contains(QStringLiteral("e2i_alert_active_since_timestamp_seconds{%1} %2")
                               .arg(pending, PrometheusExposition::formatValue(double(kAt.toSecsSinceEpoch() - 600)))));
    QVERIFY(lines.contains(QStringLiteral("e2i_alert_firing_since_timestamp_seconds{%1} %2")
                               .arg(firing, PrometheusExposition::formatValue(double(kAt.toSecsSinceEpoch() - 60)))));
    QVERIFY(!text.contains(QStringLiteral("e2i_alert_firing_since_timestamp_seconds{") + pending));
    QVERIFY(!text.contains(QStringLiteral("alertname=\"stalled\""))); // resolved
}

// A target never verified has its maximum age and no timestamp (not 0, 1970).
void tst_PrometheusExposition::backupAgesAsTimestamps()
{
    const QString text = QString::fromUtf8(renderWithAlerts(inputs()));
    QCOMPARE(familyLines(text, QStringLiteral("e2i_backup_last_verified_timestamp_seconds")).mid(2),
             QStringList({QStringLiteral("e2i_backup_last_verified_timestamp_seconds{target=\"redis\"} %1")
                              .arg(PrometheusExposition::formatValue(double(kAt.toSecsSinceEpoch() - 3600)))}));
    QCOMPARE(familyLines(text, QStringLiteral("e2i_backup_max_age_seconds")).mid(2),
             QStringList({QStringLiteral("e2i_backup_max_age_seconds{target=\"redis\"} 86400"),
                          QStringLiteral("e2i_backup_max_age_seconds{target=\"volumes\"} 172800")}));
}

void tst_PrometheusExposition::promtoolAcceptsIt()
{
    for (const MetricsInputs &in : {inputs(), MetricsInputs{}}) {
        const QByteArray text = renderWithAlerts(in);
        const auto [code, output] = promtool(text);
        QVERIFY2(code == 0 && output.trimmed().isEmpty(), qPrintable(output + u'\n' + QString::fromUtf8(text)));
    }
}

// The check above means something: the same promtool flags a counter named
// without `_total` and a gauge in milliseconds.
void tst_PrometheusExposition::promtoolWouldComplain()
{
    MetricFamily counter{QStringLiteral("e2i_tasks"), QStringLiteral("x"), MetricType::Counter, {}};
    counter.add({}, 1);
    MetricFamily millis{QStringLiteral("e2i_probe_milliseconds"), QStringLiteral("x"), MetricType::Gauge, {}};
    millis.add({}, 1);
    const auto [code, output] = promtool(PrometheusExposition::render({counter, millis}));
    QVERIFY(code != 0);
    QVERIFY2(output.contains(QStringLiteral("e2i_tasks")) && output.contains(QStringLiteral("e2i_probe_milliseconds")),
             qPrintable(output));
}

QTEST_GUILESS_MAIN(tst_PrometheusExposition)
#include "tst_PrometheusExposition.moc"
