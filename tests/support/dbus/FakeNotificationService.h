#pragma once
// What a desktop's notification daemon does (org.freedesktop.Notifications),
// as far as a client can tell: it records each Notify call and answers with an
// id; a test emits ActionInvoked / NotificationClosed as a click would.
#include <QDBusConnection>
#include <QObject>
#include <QStringList>
#include <QVariantMap>

namespace e2i::test {

class FakeNotificationService : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Call {
        QString appName;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        uint replacesId = 0;
    };
    QList<Call> calls;

    // Exports this object and takes the service's name on `bus`.
    bool registerOn(QDBusConnection bus);
    void unregisterFrom(QDBusConnection bus);

public Q_SLOTS:
    uint Notify(const QString &appName, uint replacesId, const QString &icon, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints, int timeout);

Q_SIGNALS:
    void ActionInvoked(uint id, const QString &actionKey);
    void NotificationClosed(uint id, uint reason);
};

} // namespace e2i::test
