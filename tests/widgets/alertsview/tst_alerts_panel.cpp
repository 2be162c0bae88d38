// The Alerts tab and the header's badge: the order an operator reads them in
// (firing, pending, resolved), what each column says, silences greying a row
// at once, the silence dialog refusing what `e2ictl alerts silence` refuses,
// the way from an alert to its subject on the dashboard, and the snapshot
// sidecar's alerts.
#include "SampleFactory.h"
#include "alertsview/AlertCounts.h"
#include "alertsview/AlertsModel.h"

#include <QAbstractItemModelTester>
#include "alertsview/AlertsTab.h"
#include "alertsview/SilenceDialog.h"
#include "common/Theme.h"
#include "dashboard/DashboardTabs.h"
#include "dashboard/DashboardWindow.h"
#include "monitor/MetricsStore.h"

#include <QApplication>
#include <QComboBox>
#include <QCheckBox>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QTest>
#include <QTreeView>

using namespace e2i;

namespace {

constexpr qint64 kNow = 1'800'000'000'000; // 2027-01-15T08:00:00Z
constexpr qint64 kMinute = 60'000;

AlertState alert(const QString &rule, const QString &subject, AlertState::Phase phase, AlertSeverity severity,
                 qint64 startMs)
{
    AlertState a;
    a.rule = rule;
    a.subject = subject;
    a.phase = phase;
    a.severity = severity;
    a.text = QStringLiteral("%1 is in trouble").arg(subject);
    a.activeSinceMs = startMs;
    if (phase != AlertState::Phase::Pending)
        a.firedAtMs = startMs + kMinute;
    if (phase == AlertState::Phase::Resolved)
        a.resolvedAtMs = startMs + 11 * kMinute;
    return a;
}

QList<AlertState> mixed()
{
    using P = AlertState::Phase;
    return {alert(u"queue_deep"_qs, u"default"_qs, P::Resolved, AlertSeverity::Warning, kNow - 40 * kMinute),
            alert(u"queue_deep"_qs, u"causal"_qs, P::Pending, AlertSeverity::Warning, kNow - 2 * kMinute),
            alert(u"service_down"_qs, u"feast"_qs, P::Firing, AlertSeverity::Critical, kNow - 30 * kMinute),
            alert(u"queue_deep"_qs, u"analytics"_qs, P::Firing, AlertSeverity::Warning, kNow - 10 * kMinute)};
}

QString cell(const AlertsModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

DashboardContext context()
{
    DashboardContext c;
    c.environment = QStringLiteral("test");
    c.environmentColour = Qt::darkCyan;
    c.profile = test::referenceProfile();
    c.pricing = PricingCatalog::builtIn();
    return c;
}

} // namespace

class tst_alerts_panel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firingThenPendingThenResolved();
    void modelPassesTheModelTesterThroughItsLife();
    void columnsSayWhatAndSinceWhen();
    void silenceMadeHereGreysTheRowAtOnce();
    void expiredSilenceNoLongerCounts();
    void badgeCountsAndTakesTheWorstSeverity();
    void silenceDialogRefusesIncompleteAnswers();
    void activatingAnAlertShowsItsSubject_data();
    void activatingAnAlertShowsItsSubject();
    void snapshotSidecarListsTheAlerts();
};

void tst_alerts_panel::firingThenPendingThenResolved()
{
    AlertsModel model;
    model.setAlerts(mixed(), kNow);
    QCOMPARE(model.rowCount(), 4);
    // Firing newest first, then pending, then resolved.
    QCOMPARE(cell(model, 0, AlertsModel::Subject), u"analytics"_qs);
    QCOMPARE(cell(model, 1, AlertsModel::Subject), u"feast"_qs);
    QCOMPARE(cell(model, 2, AlertsModel::Subject), u"causal"_qs);
    QCOMPARE(cell(model, 3, AlertsModel::Subject), u"default"_qs);
}

// Every change the panel makes to the model (new alerts, fewer, silences, the clock,
// none at all) under QAbstractItemModelTester, which checks the model's signals and
// indexes after each.
void tst_alerts_panel::modelPassesTheModelTesterThroughItsLife()
{
    AlertsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAlerts(mixed(), kNow);
    QCOMPARE(model.rowCount(), 4);
    model.addSilences({{u"service_down"_qs, u"feast"_qs, kNow, kNow + 60 * kMinute, u"alice"_qs, u"maintenance"_qs}}, kNow);
    model.setNow(kNow + 90 * kMinute);
    model.setAlerts(mixed().mid(0, 2), kNow + 91 * kMinute);
    QCOMPARE(model.rowCount(), 2);
    model.setAlerts({}, kNow + 92 * kMinute);
    QCOMPARE(model.rowCount(), 0);
    model.setAlerts(mixed(), kNow + 93 * kMinute);
    QCOMPARE(model.rowCount(), 4);
}

void tst_alerts_panel::columnsSayWhatAndSinceWhen()
{
    AlertsModel model;
    model.setAlerts(mixed(), kNow);
    const int feast = 1;
    QCOMPARE(model.columnCount(), int(AlertsModel::ColumnCount));
    QCOMPARE(cell(model, feast, AlertsModel::Severity), u"critical"_qs);
    QVERIFY(!model.data(model.index(feast, AlertsModel::Severity), Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(model.data(model.index(feast, AlertsModel::Severity), Qt::ForegroundRole).value<QColor>(),
             Theme::statusColour(HealthStatus::Down));
    QCOMPARE(cell(model, feast, AlertsModel::Rule), u"service_down"_qs);
    QCOMPARE(cell(model, feast, AlertsModel::Text), u"feast is in trouble"_qs);
    QCOMPARE(cell(model, feast, AlertsModel::Since), u"2027-01-15 07:31:00"_qs); // fired, not first active
    QCOMPARE(cell(model, feast, AlertsModel::Duration), u"29 min"_qs);
    QCOMPARE(cell(model, feast, AlertsModel::State), u"FIRING"_qs);
    QCOMPARE(cell(model, feast, AlertsModel::Silenced), QString());
    QCOMPARE(cell(model, 2, AlertsModel::Since), u"2027-01-15 07:58:00"_qs); // pending: since it holds
    QCOMPARE(cell(model, 2, AlertsModel::Duration), u"2 min"_qs);
    QCOMPARE(cell(model, 3, AlertsModel::Duration), u"10 min"_qs); // resolved: fired to resolved
    QCOMPARE(cell(model, 3, AlertsModel::State), u"resolved 07:31:00"_qs);
    QCOMPARE(model.headerData(AlertsModel::Since, Qt::Horizontal).toString(), u"Since (UTC)"_qs);

    model.setNow(kNow + 60 * kMinute);
    QCOMPARE(cell(model, feast, AlertsModel::Duration), u"89 min"_qs);
    QCOMPARE(cell(model, 3, AlertsModel::Duration), u"10 min"_qs);
}

void tst_alerts_panel::silenceMadeHereGreysTheRowAtOnce()
{
    AlertsModel model;
    model.setAlerts(mixed(), kNow);
    model.addSilences({{u"service_down"_qs, u"feast"_qs, kNow, kNow + 60 * kMinute, u"alice"_qs, u"maintenance"_qs}}, kNow);
    const int feast = 1;
    QCOMPARE(cell(model, feast, AlertsModel::Subject), u"feast"_qs);
    QVERIFY(model.alertAt(feast).silenced);
    QCOMPARE(cell(model, feast, AlertsModel::Silenced), u"until 2027-01-15 09:00:00 UTC by alice"_qs);
    const QColor grey = QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
    for (int c : {int(AlertsModel::Severity), int(AlertsModel::Text), int(AlertsModel::State)})
        QCOMPARE(model.data(model.index(feast, c), Qt::ForegroundRole).value<QColor>(), grey);
    // The evaluator's next list, which does not know the silence yet, keeps it.
    model.setAlerts(mixed(), kNow + kMinute);
    QVERIFY(model.alertAt(feast).silenced);
    QVERIFY(!model.alertAt(0).silenced); // a rule's other subjects stay loud
    const AlertCounts counts = AlertCounts::of(model.alerts());
    QCOMPARE(counts.firing, 1);
    QCOMPARE(counts.silenced, 1);
    QVERIFY(counts.worst == AlertSeverity::Warning); // the silenced critical no longer colours
}

void tst_alerts_panel::expiredSilenceNoLongerCounts()
{
    AlertsModel model;
    model.setAlerts(mixed(), kNow);
    model.addSilences({{u"queue_deep"_qs, QString(), kNow, kNow + 5 * kMinute, u"bob"_qs, u"deploy"_qs}}, kNow);
    QCOMPARE(AlertCounts::of(model.alerts()).silenced, 2); // every subject of the rule: analytics and causal
    model.setNow(kNow + 6 * kMinute);
    QCOMPARE(AlertCounts::of(model.alerts()).silenced, 0);
    QCOMPARE(AlertCounts::of(model.alerts()).text(), u"2 firing · 1 pending"_qs);
}

void tst_alerts_panel::badgeCountsAndTakesTheWorstSeverity()
{
    DashboardWindow window(context());
    QCOMPARE(window.alertsBadgeText(), u"Alerts: none"_qs);
    window.setAlerts(mixed());
    QCOMPARE(window.alertsBadgeText(), u"Alerts: 2 firing · 1 pending"_qs);
    auto *badge = window.findChild<QLabel *>(u"alertsBadge"_qs);
    QVERIFY(badge);
    QVERIFY2(badge->styleSheet().contains(Theme::statusColour(HealthStatus::Down).name()), qPrintable(badge->styleSheet()));
    window.setAlerts({mixed().at(1)}); // only the pending warning
    QCOMPARE(window.alertsBadgeText(), u"Alerts: 1 pending"_qs);
    QVERIFY(badge->styleSheet().contains(Theme::statusColour(HealthStatus::Degraded).name()));
    window.setAlerts({});
    QCOMPARE(window.alertsBadgeText(), u"Alerts: none"_qs);
}

void tst_alerts_panel::silenceDialogRefusesIncompleteAnswers()
{
    qputenv("USER", "carol");
    SilenceDialog dialog(mixed().at(2));
    QCOMPARE(dialog.who()->text(), u"carol"_qs);
    QString error;
    QVERIFY(!dialog.silence(kNow, &error));
    QVERIFY2(error.contains(u"reason"_qs), qPrintable(error));
    dialog.reason()->setText(u"  vendor outage  "_qs);
    dialog.durationChoice()->setCurrentIndex(1); // 4 hours
    auto silence = dialog.silence(kNow, &error);
    QVERIFY2(silence, qPrintable(error));
    QCOMPARE(silence->rule, u"service_down"_qs);
    QCOMPARE(silence->subject, u"feast"_qs);
    QCOMPARE(silence->untilMs - silence->fromMs, 4 * 60 * kMinute);
    QCOMPARE(silence->reason, u"vendor outage"_qs);
    QCOMPARE(silence->who, u"carol"_qs);

    dialog.durationChoice()->setCurrentIndex(dialog.durationChoice()->count() - 1); // custom
    QVERIFY(dialog.customDuration()->isEnabled());
    dialog.customDuration()->setText(u"31d"_qs);
    QVERIFY(!dialog.silence(kNow, &error));
    dialog.customDuration()->setText(u"90m"_qs);
    dialog.everySubject()->setChecked(true);
    silence = dialog.silence(kNow, &error);
    QVERIFY2(silence, qPrintable(error));
    QCOMPARE(silence->untilMs - silence->fromMs, 90 * kMinute);
    QVERIFY(silence->subject.isEmpty());
    dialog.who()->clear();
    QVERIFY(!dialog.silence(kNow, &error));
}

void tst_alerts_panel::activatingAnAlertShowsItsSubject_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("view");
    QTest::addColumn<QString>("row");
    QTest::addRow("service") << u"feast"_qs << u"servicesView"_qs << u"feast"_qs;
    QTest::addRow("tier") << u"medium"_qs << u"tiersView"_qs << u"medium"_qs;
    QTest::addRow("queue") << u"causal"_qs << u"tiersView"_qs << u"heavy"_qs;
}

void tst_alerts_panel::activatingAnAlertShowsItsSubject()
{
    QFETCH(QString, subject);
    QFETCH(QString, view);
    QFETCH(QString, row);
    DashboardWindow window(context());
    const PlatformProfile profile = test::referenceProfile();
    MetricsStore metrics(600);
    const PlatformSample sample = test::sample(profile, {{u"light"_qs, 2}, {u"medium"_qs, 1}, {u"heavy"_qs, 1}},
                                               {{u"heavy"_qs, 40}}, QDateTime::currentDateTimeUtc());
    metrics.record(sample);
    window.showSample(sample, metrics);
    window.setAlerts({alert(u"rule"_qs, subject, AlertState::Phase::Firing, AlertSeverity::Critical, kNow)});

    auto *tabs = window.findChild<DashboardTabs *>();
    auto *alertsTab = window.findChild<AlertsTab *>();
    tabs->setCurrentWidget(alertsTab);
    QTreeView *alertsView = alertsTab->view();
    alertsView->setCurrentIndex(alertsTab->model()->index(0, AlertsModel::Subject));
    Q_EMIT alertsView->activated(alertsView->currentIndex()); // what Enter and a double-click send

    QCOMPARE(tabs->currentIndex(), 0);
    auto *target = window.findChild<QTreeView *>(view);
    QVERIFY(target);
    QCOMPARE(target->currentIndex().siblingAtColumn(0).data().toString(), row);
}

void tst_alerts_panel::snapshotSidecarListsTheAlerts()
{
    DashboardWindow window(context());
    window.seedAlerts(mixed(), {{u"queue_deep"_qs, u"causal"_qs, 0, QDateTime::currentMSecsSinceEpoch() + 3600'000,
                                u"dave"_qs, u"known"_qs}});
    const QJsonObject json = window.snapshotJson(QSize(1600, 1000));
    QCOMPARE(json[u"alerts_badge"].toString(), u"Alerts: 2 firing · 1 silenced"_qs);
    const QJsonArray alerts = json[u"alerts"].toArray();
    QCOMPARE(alerts.size(), 4);
    const QJsonObject first = alerts.at(0).toObject();
    QCOMPARE(first[u"rule"].toString(), u"queue_deep"_qs);
    QCOMPARE(first[u"subject"].toString(), u"analytics"_qs);
    QCOMPARE(first[u"severity"].toString(), u"warning"_qs);
    QCOMPARE(first[u"state"].toString(), u"firing"_qs);
    QCOMPARE(first[u"since"].toString(), u"2027-01-15T07:51:00Z"_qs);
    QCOMPARE(first[u"text"].toString(), u"analytics is in trouble"_qs);
    QVERIFY(alerts.at(2).toObject()[u"silenced"].toBool());
    QCOMPARE(alerts.at(3).toObject()[u"state"].toString(), u"resolved"_qs);
}

QTEST_MAIN(tst_alerts_panel)
#include "tst_alerts_panel.moc"
