// DesktopNotifier against a real dbus-daemon the test starts on its own, with
// a small org.freedesktop.Notifications service registered on that bus from
// within the test: what the notification says, that clicking it asks for the
// console on the subject, what is not announced, and the fallback when no
// notification service is on the bus.
#include "alerts/DesktopNotifier.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QProcess>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>

using namespace e2i;

namespace {

constexpr int kWaitMs = 10'000; // an upper bound for the bus, never a timing assertion

// A session bus of the test's own that activates no services: a notification
// daemon installed on the machine must not answer in the fake's place.
QString writeBusConfig(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("bus.conf"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
               " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
               "<busconfig><type>session</type><listen>unix:dir=");
    file.write(dir.path().toUtf8());
    file.write("</listen><policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
               "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n");
    return path;
}

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

// What a desktop's notification daemon does, as far as the notifier can tell.
class FakeNotifications : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Call {
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        uint replacesId = 0;
    };
    QList<Call> calls;

public Q_SLOTS:
    uint Notify(const QString &appName, uint replacesId, const QString &icon, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints, int timeout)
    {
        Q_UNUSED(appName);
        Q_UNUSED(icon);
        Q_UNUSED(timeout);
        calls.append({summary, body, actions, hints, replacesId});
        return replacesId != 0 ? replacesId : uint(calls.size()) + 40;
    }

Q_SIGNALS:
    void ActionInvoked(uint id, const QString &actionKey);
    void NotificationClosed(uint id, uint reason);
};

class DesktopNotifierTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void firingAlertIsAnnouncedWithRuleAndSubject();
    void clickingTheNotificationAsksForTheSubject();
    void silencedAndRepeatedAlertsStayQuiet();
    void refiringReplacesTheOldNotification();
    void withoutServiceFallsBackToThePanel();
    void withoutBusFallsBackToThePanel();

private:
    QDBusConnection serviceConnection();

    QTemporaryDir m_busDir;
    QProcess m_daemon;
    QString m_address;
    FakeNotifications *m_service = nullptr;
    int m_connections = 0;
};

void DesktopNotifierTest::initTestCase()
{
    const QString config = writeBusConfig(m_busDir);
    QVERIFY(!config.isEmpty());
    m_daemon.start(QStringLiteral("dbus-daemon"), {QStringLiteral("--config-file=") + config,
                                                   QStringLiteral("--print-address"), QStringLiteral("--nofork"),
                                                   QStringLiteral("--nopidfile")});
    QVERIFY2(m_daemon.waitForStarted(kWaitMs), qPrintable(m_daemon.errorString()));
    while (!m_daemon.canReadLine())
        QVERIFY2(m_daemon.waitForReadyRead(kWaitMs), "dbus-daemon printed no address");
    m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
    QVERIFY(!m_address.isEmpty());
}

void DesktopNotifierTest::cleanupTestCase()
{
    m_daemon.terminate();
    m_daemon.waitForFinished(kWaitMs);
}

QDBusConnection DesktopNotifierTest::serviceConnection()
{
    return QDBusConnection::connectToBus(m_address, QStringLiteral("service-%1").arg(++m_connections));
}

void DesktopNotifierTest::init()
{
    m_service = new FakeNotifications;
}

void DesktopNotifierTest::cleanup()
{
    delete m_service;
    m_service = nullptr;
}

void DesktopNotifierTest::firingAlertIsAnnouncedWithRuleAndSubject()
{
    QDBusConnection service = serviceConnection();
    QVERIFY(service.isConnected());
    QVERIFY(service.registerObject(QStringLiteral("/org/freedesktop/Notifications"), m_service,
                                   QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals));
    QVERIFY(service.registerService(QStringLiteral("org.freedesktop.Notifications")));

    DesktopNotifier notifier(QDBusConnection::connectToBus(m_address, QStringLiteral("client-announce")));
    QSignalSpy announced(&notifier, &DesktopNotifier::announced);
    notifier.notifyTransitions({toFiring(firing(u"service_down"_qs, u"feast"_qs))});
    QVERIFY(announced.wait(kWaitMs));
    QCOMPARE(announced.first().at(1).value<DesktopNotifier::Channel>(), DesktopNotifier::Channel::Desktop);
    QCOMPARE(m_service->calls.size(), 1);
    const FakeNotifications::Call &call = m_service->calls.first();
    QVERIFY2(call.summary.contains(u"service_down"_qs) && call.summary.contains(u"feast"_qs), qPrintable(call.summary));
    QVERIFY2(call.summary.contains(u"CRITICAL"_qs), qPrintable(call.summary));
    QVERIFY2(call.body.contains(u"feast is down"_qs), qPrintable(call.body));
    QVERIFY(call.actions.contains(u"default"_qs));
    QCOMPARE(call.hints.value(u"urgency"_qs).toInt(), 2);
    service.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
    service.unregisterObject(QStringLiteral("/org/freedesktop/Notifications"));
}

void DesktopNotifierTest::clickingTheNotificationAsksForTheSubject()
{
    QDBusConnection service = serviceConnection();
    QVERIFY(service.registerObject(QStringLiteral("/org/freedesktop/Notifications"), m_service,
                                   QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals));
    QVERIFY(service.registerService(QStringLiteral("org.freedesktop.Notifications")));

    DesktopNotifier notifier(QDBusConnection::connectToBus(m_address, QStringLiteral("client-click")));
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
    service.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
    service.unregisterObject(QStringLiteral("/org/freedesktop/Notifications"));
}

void DesktopNotifierTest::silencedAndRepeatedAlertsStayQuiet()
{
    QDBusConnection service = serviceConnection();
    QVERIFY(service.registerObject(QStringLiteral("/org/freedesktop/Notifications"), m_service,
                                   QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals));
    QVERIFY(service.registerService(QStringLiteral("org.freedesktop.Notifications")));

    DesktopNotifier notifier(QDBusConnection::connectToBus(m_address, QStringLiteral("client-quiet")));
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
    service.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
    service.unregisterObject(QStringLiteral("/org/freedesktop/Notifications"));
}

void DesktopNotifierTest::refiringReplacesTheOldNotification()
{
    QDBusConnection service = serviceConnection();
    QVERIFY(service.registerObject(QStringLiteral("/org/freedesktop/Notifications"), m_service,
                                   QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals));
    QVERIFY(service.registerService(QStringLiteral("org.freedesktop.Notifications")));

    DesktopNotifier notifier(QDBusConnection::connectToBus(m_address, QStringLiteral("client-replace")));
    QSignalSpy announced(&notifier, &DesktopNotifier::announced);
    notifier.notify(firing(u"service_down"_qs, u"feast"_qs));
    QVERIFY(announced.wait(kWaitMs));
    notifier.notify(firing(u"service_down"_qs, u"feast"_qs));
    QVERIFY(announced.wait(kWaitMs));
    QCOMPARE(m_service->calls.size(), 2);
    QCOMPARE(m_service->calls.at(0).replacesId, 0u);
    QCOMPARE(m_service->calls.at(1).replacesId, 41u); // the desktop shows one, not a pile
    service.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
    service.unregisterObject(QStringLiteral("/org/freedesktop/Notifications"));
}

// Offscreen there is no system tray either: then the panel is all that is left.
void DesktopNotifierTest::withoutServiceFallsBackToThePanel()
{
    DesktopNotifier notifier(QDBusConnection::connectToBus(m_address, QStringLiteral("client-alone")));
    QSignalSpy announced(&notifier, &DesktopNotifier::announced);
    notifier.notify(firing(u"service_down"_qs, u"feast"_qs));
    QVERIFY(announced.wait(kWaitMs));
    const auto expected = QSystemTrayIcon::isSystemTrayAvailable() ? DesktopNotifier::Channel::Tray
                                                                   : DesktopNotifier::Channel::PanelOnly;
    QCOMPARE(announced.first().at(1).value<DesktopNotifier::Channel>(), expected);
    QVERIFY(m_service->calls.isEmpty());
}

void DesktopNotifierTest::withoutBusFallsBackToThePanel()
{
    DesktopNotifier notifier(QDBusConnection::connectToBus(u"unix:path=/nonexistent/bus"_qs, u"client-nobus"_qs));
    QSignalSpy announced(&notifier, &DesktopNotifier::announced);
    notifier.notify(firing(u"service_down"_qs, u"feast"_qs));
    QCOMPARE(announced.size(), 1); // decided at once: nothing to wait for
    QCOMPARE(announced.first().at(1).value<DesktopNotifier::Channel>(), DesktopNotifier::Channel::PanelOnly);
}

QTEST_MAIN(DesktopNotifierTest)
#include "tst_desktop_notifier.moc"
