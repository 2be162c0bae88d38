#pragma once
// Tells the desktop when an alert starts firing, so the operator hears of it
// with the window closed or hidden: a notification through the freedesktop
// notification service (org.freedesktop.Notifications on the session bus),
// whose default action ("Open") asks for the console on the alert's subject.
// Without a notification service it falls back to a tray icon's message when
// the desktop has a system tray, else to nothing but the Alerts panel.
// Silenced alerts and repeats of an alert already firing are not announced.
//
// Every D-Bus call is asynchronous: the GUI thread never waits for the bus.
// The bus is injected, so tests can run it against a dbus-daemon of their own.
#include "alerts/AlertState.h"

#include <QDBusConnection>
#include <QHash>
#include <QObject>

class QSystemTrayIcon;

namespace e2i {

class DesktopNotifier : public QObject
{
    Q_OBJECT
public:
    enum class Channel { Desktop, Tray, PanelOnly };
    Q_ENUM(Channel)

    // QSettings key (bool, default true): announce firing alerts on the desktop.
    static inline const QString kSettingKey = QStringLiteral("alerts/desktopNotifications");

    explicit DesktopNotifier(QDBusConnection bus, QObject *parent = nullptr);

    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool isEnabled() const { return m_enabled; }

    static QString summary(const AlertState &alert); // "CRITICAL — rule on subject"
    static QString body(const AlertState &alert);

public Q_SLOTS:
    // Announces the alerts these changes made fire.
    void notifyTransitions(const QList<e2i::AlertTransition> &transitions);
    void notify(const e2i::AlertState &alert);

Q_SIGNALS:
    // The alert `key` was announced (or, PanelOnly, could not be).
    void announced(const QString &key, e2i::DesktopNotifier::Channel channel);
    // The operator clicked a notification: show the console on this subject.
    void openSubjectRequested(const QString &subject);

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &action);
    void onNotificationClosed(uint id, uint reason);

private:
    void sendToService(const AlertState &alert);
    void fallBack(const AlertState &alert);

    QDBusConnection m_bus;
    bool m_enabled = true;
    QHash<uint, QString> m_subjects; // notification id -> subject, while it is shown
    QHash<QString, uint> m_ids;      // alert key -> its notification, replaced when it fires again
    QSystemTrayIcon *m_tray = nullptr;
    QString m_traySubject;
};

} // namespace e2i
