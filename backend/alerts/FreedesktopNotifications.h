#pragma once
// Firing alerts as desktop notifications through the freedesktop notification
// service (org.freedesktop.Notifications on the session bus), for the console
// and for `e2ictl record` alike: no widgets, only D-Bus. The notification's
// default action ("Open") reports the alert's subject, so the caller can
// show the console there. A re-fired alert replaces its earlier notification.
//
// Every call is asynchronous: the caller's thread never waits for the bus.
// The bus is injected, so tests run it against a dbus-daemon of their own.
//
// A recorder that notifies owns kRecorderNamePrefix + the environment's bus
// name (recorderBusName), so a console on the same desktop can leave the
// announcing to it (ownerCheck) instead of showing every alert twice.
#include "AlertState.h"

#include <QDBusConnection>
#include <QHash>
#include <QObject>

#include <functional>

namespace e2i {

class FreedesktopNotifications : public QObject
{
    Q_OBJECT
public:
    FreedesktopNotifications(QDBusConnection bus, QString applicationName, QString desktopEntry,
                             QObject *parent = nullptr);

    static QString summary(const AlertState &alert); // "CRITICAL — rule on subject"
    static QString body(const AlertState &alert);
    // The well-known name a notifying recorder of `environment` owns.
    static QString recorderBusName(const QString &environment);

    bool isConnected() const { return m_bus.isConnected(); }
    // Sends the notification; shown() or failed() follows.
    void show(const AlertState &alert);
    // Asks the bus whether `name` has an owner; `answer` runs with the reply
    // (false when the bus cannot say).
    void ownerCheck(const QString &name, std::function<void(bool)> answer);

Q_SIGNALS:
    void shown(const QString &key);
    void failed(const e2i::AlertState &alert, const QString &reason);
    // The operator clicked a notification: show the console on this subject.
    void openSubjectRequested(const QString &subject);

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &action);
    void onNotificationClosed(uint id, uint reason);

private:
    QDBusConnection m_bus;
    QString m_applicationName;
    QString m_desktopEntry;
    QHash<uint, QString> m_subjects; // notification id -> subject, while it is shown
    QHash<QString, uint> m_ids;      // alert key -> its notification, replaced when it fires again
};

} // namespace e2i
