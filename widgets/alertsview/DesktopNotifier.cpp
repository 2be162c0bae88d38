#include "DesktopNotifier.h"

#include "common/StatusIcon.h"

#include <QApplication>
#include <QSystemTrayIcon>

namespace e2i {

DesktopNotifier::DesktopNotifier(QDBusConnection bus, QString environment, QObject *parent)
    : QObject(parent),
      m_notifications(std::move(bus), QApplication::applicationDisplayName(), QApplication::desktopFileName()),
      m_recorderName(FreedesktopNotifications::recorderBusName(environment))
{
    connect(&m_notifications, &FreedesktopNotifications::shown, this,
            [this](const QString &key) { Q_EMIT announced(key, Channel::Desktop); });
    connect(&m_notifications, &FreedesktopNotifications::failed, this, &DesktopNotifier::fallBack);
    connect(&m_notifications, &FreedesktopNotifications::openSubjectRequested, this, &DesktopNotifier::openSubjectRequested);
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
    if (!m_notifications.isConnected()) {
        fallBack(alert);
        return;
    }
    m_notifications.ownerCheck(m_recorderName, [this, alert](bool recorderAnnounces) {
        if (recorderAnnounces)
            Q_EMIT announced(alert.key(), Channel::Recorder);
        else
            m_notifications.show(alert);
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
    m_tray->showMessage(FreedesktopNotifications::summary(alert), FreedesktopNotifications::body(alert),
                        alert.severity == AlertSeverity::Critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning);
    Q_EMIT announced(alert.key(), Channel::Tray);
}

} // namespace e2i
