// DesktopNotifier against a real dbus-daemon the test starts on its own, with
// a small org.freedesktop.Notifications service registered on that bus from
// within the test: what the notification says, that clicking it asks for the
// console on the subject, what is not announced, and the fallback when no
// notification service is on the bus.
#include "FakeNotificationService.h"
#include "PrivateSessionBus.h"
#include "alertsview/DesktopNotifier.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QSet>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>

using namespace e2i;

namespace {

const QString kEnvironment = QStringLiteral("staging");
constexpr int kWaitMs = 10'000; // an upper bound for the bus, never a timing assertion

AlertState firing(const QString &rule, const QString &subject, AlertSeverity severity = AlertSeverity::Critical)
{
    AlertState a;
    a.rule = rule;
    a.subject = subject;
    a.severity = severity;
    a.phase = AlertState::Phase::Firing;
    a.text = QStringLiteral("%1 is down").arg(subject);
    a.activeSinceMs = 1'800'000'000'000;
    a.firedAtMs = a.activeSinceMs;
    return a;
}

AlertTransition toFiring(const AlertState &state)
{
    return {AlertState::Phase::Pending, state};
}

} // namespace

class tst_desktop_notifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void firingAlertIsAnnouncedWithRuleAndSubject();
    void clickingTheNotificationAsksForTheSubject();
    void silencedAndRepeatedAlertsStayQuiet();
    void refiringReplacesTheOldNotification();
    void withoutServiceFallsBackToThePanel();
    void withoutBusFallsBackToThePanel();
    void aNotifyingRecorderAnnouncesInstead();
    void recorderBusNamesAreValid();

private:
    QDBusConnection serviceConnection();

    test::PrivateSessionBus m_bus;
    QString m_address;
    test::FakeNotificationService *m_service = nullptr;
    int m_connections = 0;
};

void tst_desktop_notifier::initTestCase()
{
    QString error;
    QVERIFY2(m_bus.start(&error), qPrintable(error));
    m_address = m_bus.address();
}

QDBusConnection tst_desktop_notifier::serviceConnection()
{
    return QDBusConnection::connectToBus(m_address, QStringLiteral("service-%1").arg(++m_connections));
}

void tst_desktop_notifier::init()
{
    m_service = new test::FakeNotificationService;
}

void tst_desktop_notifier::cleanup()
{
    delete m_service;
    m_service = nullptr;
}

void tst_desktop_notifier::firingAlertIsAnnouncedWithRuleAndSubject()
{
    QDBusConnection service = serviceConnection();
    QVERIFY(service.isConnected());
    QVERIFY(m_service->registerOn(service));

    DesktopNotifier notifier(QDBusConnection::connectToBus(m_address, QStringLiteral("client-announce")), kEnvironment);
    QSignalSpy announced(&notifier, &DesktopNotifier::announced);
    notifier.notifyTransitions({toFiring(firing(u"service_down"_qs, u"feast"_qs))});
    QVERIFY(announced.wait(kWaitMs));
    QCOMPARE(announced.first().at(1).value<DesktopNotifier::Channel>(), DesktopNotifier::Channel::Desktop);
    QCOMPARE(m_service->calls.size(), 1);
    const test::FakeNotificationService::Call &call = m_service->calls.first();
    QVERIFY2(call.summary.contains(u"service_down"_qs) && call.summary.contains(u"feast"_qs), qPrintable(call.summary));
    QVERIFY2(call.summary.contains(u"CRITICAL"_qs), qPrintable(call.summary));
    QVERIFY2(call.body.contains(u"feast is down"_qs), qPrintable(call.body));
    QVERIFY(call.actions.contains(u"default"_qs));
    QCOMPARE(call.hints.value(u"urgency"_qs).toInt(), 2);
    m_service->unregisterFrom(service);
}

void tst_desktop_notifier::clickingTheNotificationAsksForTheSubject()
{
    QDBusConnection service = serviceConnection();
    QVERIFY(m_service->registerOn(service));

    DesktopNotifier notifier(QDBusConnection::connectToBus(m_address, QStringLiteral("client-click")), kEnvironment);
    QSignalSpy announced(&notifier, &DesktopNotifier::announced);
    QSignalSpy open(&notifier, &DesktopNotifier::openSubjectRequested);
    notifier.notify(firing(u"queue_deep"_qs, u"causal"_qs, AlertSeverity::Warning));
    notifier.notify(firing(u"service_down"_qs, u"api"_qs));
    QTRY_COMPARE_WITH_TIMEOUT(announced.size(), 2, kWaitMs);
    QCOMPARE(m_service->calls.at(0).hints.value(u"urgency"_qs).toInt(), 1);

    // Another client's notification (id 7) and another action are not ours to open.
    Q_EMIT m_service->ActionInvoked(7, u"default"_qs);
    Q_EMIT m_service->ActionInvoked(41, u"other"_qs);
    Q_EMIT m_service->ActionInvoked(42, u"default"_qs); // the second: api
    QVERIFY(open.wait(kWaitMs));
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.first().first().toString(), u"api"_qs);
    m_service->unregisterFrom(service);
}

void tst_desktop_notifier::silencedAndRepeatedAlertsStayQuiet()
{
    QDBusConnection service = serviceConnection();
    QVERIFY(m_service->registerOn(service));

    DesktopNotifier notifier(QDBusConnection::connectToBus(m_address, QStringLiteral("client-quiet")), kEnvironment);
    QSignalSpy announced(&notifier, &DesktopNotifier::announced);
    AlertState silenced = firing(u"service_down"_qs, u"feast"_qs);
    silenced.silenced = true;
    AlertState resolved = firing(u"service_down"_qs, u"mlflow"_qs);
    resolved.phase = AlertState::Phase::Resolved;
    AlertState pending = firing(u"queue_deep"_qs, u"ml"_qs);
    pending.phase = AlertState::Phase::Pending;
    const AlertState loud = firing(u"service_down"_qs, u"opik"_qs);
    notifier.notifyTransitions({toFiring(silenced), {AlertState::Phase::Firing, resolved},
                                {AlertState::Phase::Inactive, pending}, toFiring(loud)});
    // The only one announced is the last: once it has arrived, the others were skipped.
    QVERIFY(announced.wait(kWaitMs));
    QCOMPARE(announced.size(), 1);
    QCOMPARE(announced.first().first().toString(), loud.key());
    QCOMPARE(m_service->calls.size(), 1);

    notifier.setEnabled(false); // the setting
    notifier.notifyTransitions({toFiring(firing(u"service_down"_qs, u"bentoml"_qs))});
    notifier.setEnabled(true);
    notifier.notifyTransitions({toFiring(firing(u"service_down"_qs, u"falkordb"_qs))});
    QVERIFY(announced.wait(kWaitMs));
    QCOMPARE(announced.last().first().toString(), u"service_down:falkordb"_qs);
    QCOMPARE(m_service->calls.size(), 2);
    m_service->unregisterFrom(service);
}

void tst_desktop_notifier::refiringReplacesTheOldNotification()
{
    QDBusConnection service = serviceConnection();
    QVERIFY(m_service->registerOn(service));

    DesktopNotifier notifier(QDBusConnection::connectToBus(m_address, QStringLiteral("client-replace")), kEnvironment);
    QSignalSpy announced(&notifier, &DesktopNotifier::announced);
    notifier.notify(firing(u"service_down"_qs, u"feast"_qs));
    QVERIFY(announced.wait(kWaitMs));
    notifier.notify(firing(u"service_down"_qs, u"feast"_qs));
    QVERIFY(announced.wait(kWaitMs));
    QCOMPARE(m_service->calls.size(), 2);
    QCOMPARE(m_service->calls.at(0).replacesId, 0u);
    QCOMPARE(m_service->calls.at(1).replacesId, 41u); // the desktop shows one, not a pile
    m_service->unregisterFrom(service);
}

// Offscreen there is no system tray either: then the panel is all that is left.
void tst_desktop_notifier::withoutServiceFallsBackToThePanel()
{
    DesktopNotifier notifier(QDBusConnection::connectToBus(m_address, QStringLiteral("client-alone")), kEnvironment);
    QSignalSpy announced(&notifier, &DesktopNotifier::announced);
    notifier.notify(firing(u"service_down"_qs, u"feast"_qs));
    QVERIFY(announced.wait(kWaitMs));
    const auto expected = QSystemTrayIcon::isSystemTrayAvailable() ? DesktopNotifier::Channel::Tray
                                                                   : DesktopNotifier::Channel::PanelOnly;
    QCOMPARE(announced.first().at(1).value<DesktopNotifier::Channel>(), expected);
    QVERIFY(m_service->calls.isEmpty());
}

void tst_desktop_notifier::withoutBusFallsBackToThePanel()
{
    DesktopNotifier notifier(QDBusConnection::connectToBus(u"unix:path=/nonexistent/bus"_qs, u"client-nobus"_qs), kEnvironment);
    QSignalSpy announced(&notifier, &DesktopNotifier::announced);
    notifier.notify(firing(u"service_down"_qs, u"feast"_qs));
    QCOMPARE(announced.size(), 1); // decided at once: nothing to wait for
    QCOMPARE(announced.first().at(1).value<DesktopNotifier::Channel>(), DesktopNotifier::Channel::PanelOnly);
}

// A recorder of the environment owns its name on the bus: the console stays
// quiet (one notification per alert); another environment's recorder does not count.
void tst_desktop_notifier::aNotifyingRecorderAnnouncesInstead()
{
    QDBusConnection service = serviceConnection();
    QVERIFY(m_service->registerOn(service));
    QDBusConnection recorder = QDBusConnection::connectToBus(m_address, u"recorder"_qs);
    QVERIFY(recorder.registerService(FreedesktopNotifications::recorderBusName(kEnvironment)));
    DesktopNotifier notifier(QDBusConnection::connectToBus(m_address, u"client-recorder"_qs), kEnvironment);
    QSignalSpy announced(&notifier, &DesktopNotifier::announced);
    notifier.notify(firing(u"service_down"_qs, u"feast"_qs));
    QTRY_COMPARE_WITH_TIMEOUT(announced.size(), 1, kWaitMs);
    QCOMPARE(announced.first().at(1).value<DesktopNotifier::Channel>(), DesktopNotifier::Channel::Recorder);
    QCOMPARE(m_service->calls.size(), 0);

    DesktopNotifier other(QDBusConnection::connectToBus(m_address, u"client-other"_qs), u"prod"_qs);
    QSignalSpy otherAnnounced(&other, &DesktopNotifier::announced);
    other.notify(firing(u"service_down"_qs, u"feast"_qs));
    QTRY_COMPARE_WITH_TIMEOUT(otherAnnounced.size(), 1, kWaitMs);
    QCOMPARE(otherAnnounced.first().at(1).value<DesktopNotifier::Channel>(), DesktopNotifier::Channel::Desktop);
    QCOMPARE(m_service->calls.size(), 1);
    recorder.unregisterService(FreedesktopNotifications::recorderBusName(kEnvironment));
    QDBusConnection::disconnectFromBus(u"recorder"_qs);
    m_service->unregisterFrom(service);
}

// Any environment name gives a name the bus accepts, and different names stay different.
void tst_desktop_notifier::recorderBusNamesAreValid()
{
    QDBusConnection owner = QDBusConnection::connectToBus(m_address, u"owner"_qs);
    const QStringList environments{u"staging"_qs, u"9prod"_qs, u"eu.west/1 ü"_qs, u"eu_west"_qs, u"eu-west"_qs};
    QSet<QString> names;
    for (const QString &environment : environments) {
        const QString name = FreedesktopNotifications::recorderBusName(environment);
        QVERIFY2(owner.registerService(name), qPrintable(name + u": "_qs + owner.lastError().message()));
        names.insert(name);
    }
    QCOMPARE(names.size(), environments.size());
    QDBusConnection::disconnectFromBus(u"owner"_qs);
}

QTEST_MAIN(tst_desktop_notifier)
#include "tst_desktop_notifier.moc"
