// The PromQL each console rule kind becomes (PrometheusAlertExpression) and
// the rules file around it (PrometheusRuleFile): exact expressions over the
// exported metric names, subjects as label matchers with regex and string
// escaping, Prometheus durations, labels and summary templates, and the kinds
// without an expression reported rather than dropped silently.
#include "alerts/DefaultAlertRules.h"
#include "metrics/PrometheusAlertExpression.h"
#include "metrics/PrometheusRuleFile.h"

#include <QTest>

Q_DECLARE_METATYPE(e2i::AlertRule)

using namespace e2i;

namespace {

AlertRule rule(AlertKind kind, double threshold = 0, QStringList subjects = {})
{
    AlertRule r;
    r.name = QStringLiteral("r");
    r.kind = kind;
    r.threshold = threshold;
    r.subjects = std::move(subjects);
    return r;
}

QString exprOf(const AlertRule &r)
{
    QString whyNot;
    const auto alert = PrometheusAlertExpression::of(r, 730, &whyNot);
    return alert ? alert->expr : QStringLiteral("none: ") + whyNot;
}

} // namespace

class tst_PrometheusRuleFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expressions_data();
    void expressions();
    void subjectMatchers();
    void durations();
    void fixedSubjectsAndBackupAges();
    void fileHasLabelsAndSummaries();
};

void tst_PrometheusRuleFile::expressions_data()
{
    QTest::addColumn<AlertRule>("rule");
    QTest::addColumn<QString>("expr");
    QTest::addRow("queue_depth") << rule(AlertKind::QueueDepth, 100)
                                 << QStringLiteral("sum by (queue, tier) (e2i_queue_depth) > 100");
    QTest::addRow("queue_depth one queue") << rule(AlertKind::QueueDepth, 2.5, {QStringLiteral("shap")})
                                           << QStringLiteral("sum by (queue, tier) (e2i_queue_depth{queue=\"shap\"}) > 2.5");
    QTest::addRow("queue_wait") << rule(AlertKind::QueueWait, 30)
                                << QStringLiteral("max by (queue) (histogram_quantile(0.95, sum by (queue, task, le) "
                                                  "(rate(e2i_task_wait_seconds_bucket[5m])))) > 30");
    AlertRule finding = rule(AlertKind::FlowFinding, 0, {QStringLiteral("heavy")});
    finding.finding = QStringLiteral("stalled");
    QTest::addRow("flow_finding") << finding
                                  << QStringLiteral("e2i_flow_finding{kind=\"stalled\",subject=\"heavy\"} == 1");
    QTest::addRow("tier_at_max_growing") << rule(AlertKind::TierAtMaxGrowing)
                                         << QStringLiteral("e2i_flow_finding{kind=\"at_max_growing\"} == 1");
    QTest::addRow("service down") << rule(AlertKind::ServiceStatus)
                                  << QStringLiteral("e2i_service_status{status=\"down\"} == 1");
    AlertRule degraded = rule(AlertKind::ServiceStatus, 0, {QStringLiteral("api")});
    degraded.degradedCounts = true;
    QTest::addRow("service degraded") << degraded
                                      << QStringLiteral("e2i_service_status{status=~\"down|degraded\",service=\"api\"} == 1");
    QTest::addRow("redis") << rule(AlertKind::RedisDisconnected) << QStringLiteral("e2i_redis_connected == 0");
    QTest::addRow("cost") << rule(AlertKind::CostBudget, 1500) << QStringLiteral("e2i_cost_usd_per_hour * 730 > 1500");
}

void tst_PrometheusRuleFile::expressions()
{
    QFETCH(AlertRule, rule);
    QFETCH(QString, expr);
    QCOMPARE(exprOf(rule), expr);
}

// Several subjects are an RE2 alternation (anchored by Prometheus), each
// escaped for the regex and then for the PromQL string.
void tst_PrometheusRuleFile::subjectMatchers()
{
    QCOMPARE(PrometheusAlertExpression::subjectMatcher(QStringLiteral("queue"), {}), QString());
    QCOMPARE(PrometheusAlertExpression::subjectMatcher(QStringLiteral("queue"), {QStringLiteral("a\"b\\c")}),
             QStringLiteral("queue=\"a\\\"b\\\\c\""));
    QCOMPARE(PrometheusAlertExpression::subjectMatcher(QStringLiteral("queue"),
                                                       {QStringLiteral("shap"), QStringLiteral("we.ird(q)|x"), QStringLiteral("café")}),
             QStringLiteral("queue=~\"shap|we\\\\.ird\\\\(q\\\\)\\\\|x|café\""));
}

void tst_PrometheusRuleFile::durations()
{
    QCOMPARE(PrometheusRuleFile::duration(0), QStringLiteral("0s"));
    QCOMPARE(PrometheusRuleFile::duration(600'000), QStringLiteral("10m"));
    QCOMPARE(PrometheusRuleFile::duration(90'000), QStringLiteral("1m30s"));
    QCOMPARE(PrometheusRuleFile::duration(1500), QStringLiteral("1s500ms"));
    QCOMPARE(PrometheusRuleFile::duration(26LL * 3'600'000), QStringLiteral("1d2h"));
}

void tst_PrometheusRuleFile::fixedSubjectsAndBackupAges()
{
    QVERIFY(exprOf(rule(AlertKind::BackupAge, 0, {QStringLiteral("redis")}))
                .startsWith(QStringLiteral("(time() - e2i_backup_last_verified_timestamp_seconds{target=\"redis\"})")));
    QVERIFY(exprOf(rule(AlertKind::RedisDisconnected, 0, {QStringLiteral("other")})).contains(QStringLiteral("never fires")));
    QVERIFY(exprOf(rule(AlertKind::CostBudget, 5, {QStringLiteral("cost")})).startsWith(QStringLiteral("e2i_cost")));
}

void tst_PrometheusRuleFile::fileHasLabelsAndSummaries()
{
    QList<PrometheusRuleFile::Skipped> skipped;
    AlertRule odd = rule(AlertKind::QueueDepth, 5);
    odd.name = QStringLiteral("odd");
    odd.text = QStringLiteral("x {{ raw }} {subject} at {value}");
    const QString text = QString::fromUtf8(
        PrometheusRuleFile::render(DefaultAlertRules::rules() + QList<AlertRule>{odd}, QStringLiteral("prod"), 730, &skipped));
    QVERIFY(skipped.isEmpty());
    QVERIFY2(!text.contains(QStringLiteral("# Skipped")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("alert: backup_stale")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("name: e2i-console-prod")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("alert: queue_backlog")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("for: 10m")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("subject: \"{{ $labels.queue }}\"")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("summary: queue {{ $labels.queue }} has {{ $value }} tasks waiting (above 100)")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("subject: redis")), qPrintable(text));
    // The operator's "{{" is printed, not run.
    QVERIFY2(text.contains(QStringLiteral("x {{ \"{{\" }} raw }} {{ $labels.queue }} at {{ $value }}")), qPrintable(text));
}

QTEST_GUILESS_MAIN(tst_PrometheusRuleFile)
#include "tst_PrometheusRuleFile.moc"
