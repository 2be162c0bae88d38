#include "DesktopNotifier.h"

#include "common/StatusIcon.h"

#include <QApplication>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDateTime>
#include <QSystemTrayIcon>

namespace e2i {
namespace {

const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
const QString kDefaultAction = QStringLiteral("default");

// The specification's urgency hint: 1 normal, 2 critical (stays until dismissed).
uchar urgency(AlertSeverity severity)
{
    return severity == AlertSeverity::Critical ? 2 : 1;
}

} // namespace

DesktopNotifier::DesktopNotifier(QDBusConnection bus, QObject *parent) : QObject(parent), m_bus(std::move(bus))
{
    // Any sender: naming the service would make Qt ask the bus for its owner,
    // a blocking call. Ids we did not get back are ignored.
    m_bus.connect(QString(), kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                  SLOT(onActionInvoked(uint, QString)));
    m_bus.connect(QString(), kPath, kInterface, QStringLiteral("NotificationClosed"), this,
                  SLOT(onNotificationClosed(uint, uint)));
}

QString DesktopNotifier::summary(const AlertState &alert)
{
    return tr("%1 — %2 on %3").arg(AlertRule::severityName(alert.severity).toUpper(), alert.rule, alert.subject);
}

QString DesktopNotifier::body(const AlertState &alert)
{
    const QString since = QDateTime::fromMSecsSinceEpoch(alert.firedAtMs, Qt::UTC).toString(QStringLiteral("HH:mm:ss"));
    return tr("%1\nfiring since %2 UTC (%3:%4)").arg(alert.text, since, alert.rule, alert.subject);
}

void DesktopNotifier::notifyTransitions(const QList<AlertTransition> &transitions)
{
    for (const AlertTransition &t : transitions)
        if (t.state.phase == AlertState::Phase::Firing && t.from != AlertState::Phase::Firing)
            notify(t.state);
}

void DesktopNotifier::notify(const AlertState &alert)
{
    if (!m_enabled || alert.silenced)
        return;
    if (!m_bus.isConnected()) {
        fallBack(alert);
        return;
    }
    sendToService(alert);
}

void DesktopNotifier::sendToService(const AlertState &alert)
{
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("Notify"));
    const QVariantMap hints{{QStringLiteral("urgency"), QVariant::fromValue(urgency(alert.severity))},
                            {QStringLiteral("desktop-entry"), QApplication::desktopFileName()},
                            {QStringLiteral("category"), QStringLiteral("e2i.alert")}};
    call << QApplication::applicationDisplayName() << m_ids.value(alert.key(), 0u) << QStringLiteral("dialog-warning")
         << summary(alert) << body(alert) << QStringList{kDefaultAction, tr("Open")} << hints << -1;
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, alert] {
        watcher->deleteLater();
        const QDBusPendingReply<uint> reply = *watcher;
        if (reply.isError()) { // no notification service (ServiceUnknown), or it failed
            fallBack(alert);
            return;
        }
        m_ids.insert(alert.key(), reply.value());
        m_subjects.insert(reply.value(), alert.subject);
        Q_EMIT announced(alert.key(), Channel::Desktop);
    });
}

void DesktopNotifier::fallBack(const AlertState &alert)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        Q_EMIT announced(alert.key(), Channel::PanelOnly);
        return;
    }
    if (!m_tray) {
        const QIcon icon = QApplication::windowIcon();
        m_tray = new QSystemTrayIcon(icon.isNull() ? StatusIcon::icon(HealthStatus::Degraded) : icon, this);
        m_tray->setToolTip(QApplication::applicationDisplayName());
        connect(m_tray, &QSystemTrayIcon::messageClicked, this,
                [this] { Q_EMIT openSubjectRequested(m_traySubject); });
        connect(m_tray, &QSystemTrayIcon::activated, this, [this] { Q_EMIT openSubjectRequested(m_traySubject); });
        m_tray->show();
    }
    m_traySubject = alert.subject;
    m_tray->showMessage(summary(alert), body(alert),
                        alert.severity == AlertSeverity::Critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning);
    Q_EMIT announced(alert.key(), Channel::Tray);
}

void DesktopNotifier::onActionInvoked(uint id, const QString &action)
{
    if (action == kDefaultAction && m_subjects.contains(id))
        Q_EMIT openSubjectRequested(m_subjects.value(id));
}

void DesktopNotifier::onNotificationClosed(uint id, uint /*reason*/)
{
    const QString key = m_ids.key(id);
    if (!key.isEmpty())
        m_ids.remove(key);
    m_subjects.remove(id);
}

} // namespace e2i
