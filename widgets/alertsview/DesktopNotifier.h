#pragma once
// Tells the desktop when an alert starts firing, so the operator hears of it
// with the window closed or hidden: a notification through the freedesktop
// notification service (FreedesktopNotifications), whose default action
// ("Open") asks for the console on the alert's subject. Without a notification
// service it falls back to a tray icon's message when the desktop has a system
// tray, else to nothing but the Alerts panel. Silenced alerts and repeats of an
// alert already firing are not announced.
//
// When a recorder of the same environment announces alerts on the same
// session bus (it owns FreedesktopNotifications::recorderBusName), the console
// leaves it to the recorder: one notification per alert, not two.
#include "alerts/FreedesktopNotifications.h"

class QSystemTrayIcon;

namespace e2i {

class DesktopNotifier : public QObject
{
    Q_OBJECT
public:
    enum class Channel { Desktop, Recorder, Tray, PanelOnly };
    Q_ENUM(Channel)

    // QSettings key (bool, default true): announce firing alerts on the desktop.
    static inline const QString kSettingKey = QStringLiteral("alerts/desktopNotifications");

    // `environment`: whose recorder, if it notifies on this bus, announces instead.
    DesktopNotifier(QDBusConnection bus, QString environment, QObject *parent = nullptr);

    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool isEnabled() const { return m_enabled; }

public Q_SLOTS:
    // Announces the alerts these changes made fire.
    void notifyTransitions(const QList<e2i::AlertTransition> &transitions);
    void notify(const e2i::AlertState &alert);

Q_SIGNALS:
    // The alert `key` was announced (Recorder: by the recorder; PanelOnly: could not be).
    void announced(const QString &key, e2i::DesktopNotifier::Channel channel);
    // The operator clicked a notification: show the console on this subject.
    void openSubjectRequested(const QString &subject);

private:
    void fallBack(const AlertState &alert);

    FreedesktopNotifications m_notifications;
    QString m_recorderName;
    bool m_enabled = true;
    QSystemTrayIcon *m_tray = nullptr;
    QString m_traySubject;
};

} // namespace e2i
