#include "FreedesktopNotifications.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDateTime>

namespace e2i {
namespace {

const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
const QString kDefaultAction = QStringLiteral("default");
const QString kRecorderNamePrefix = QStringLiteral("io.e2i.OpsConsole.Recorder.");

// The specification's urgency hint: 1 normal, 2 critical (stays until dismissed).
uchar urgency(AlertSeverity severity)
{
    return severity == AlertSeverity::Critical ? 2 : 1;
}

} // namespace

FreedesktopNotifications::FreedesktopNotifications(QDBusConnection bus, QString applicationName, QString desktopEntry,
                                                   QObject *parent)
    : QObject(parent), m_bus(std::move(bus)), m_applicationName(std::move(applicationName)),
      m_desktopEntry(std::move(desktopEntry))
{
    // Any sender: naming the service would make Qt ask the bus for its owner,
    // a blocking call. Ids we did not get back are ignored.
    m_bus.connect(QString(), kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                  SLOT(onActionInvoked(uint, QString)));
    m_bus.connect(QString(), kPath, kInterface, QStringLiteral("NotificationClosed"), this,
                  SLOT(onNotificationClosed(uint, uint)));
}

QString FreedesktopNotifications::summary(const AlertState &alert)
{
    return tr("%1 — %2 on %3").arg(AlertRule::severityName(alert.severity).toUpper(), alert.rule, alert.subject);
}

QString FreedesktopNotifications::body(const AlertState &alert)
{
    const QString since = QDateTime::fromMSecsSinceEpoch(alert.firedAtMs, Qt::UTC).toString(QStringLiteral("HH:mm:ss"));
    return tr("%1\nfiring since %2 UTC (%3:%4)").arg(alert.text, since, alert.rule, alert.subject);
}

// Bus name elements allow [A-Za-z0-9_-] and must not start with a digit:
// every other byte of the name is written as _XX (hex), after an `e` prefix.
QString FreedesktopNotifications::recorderBusName(const QString &environment)
{
    QString element = QStringLiteral("e");
    for (const char c : environment.toUtf8()) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')
            element += QLatin1Char(c);
        else
            element += QStringLiteral("_%1").arg(uchar(c), 2, 16, QLatin1Char('0'));
    }
    return kRecorderNamePrefix + element;
}

void FreedesktopNotifications::show(const AlertState &alert)
{
    if (!m_bus.isConnected()) {
        Q_EMIT failed(alert, QStringLiteral("no session bus"));
        return;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("Notify"));
    const QVariantMap hints{{QStringLiteral("urgency"), QVariant::fromValue(urgency(alert.severity))},
                            {QStringLiteral("desktop-entry"), m_desktopEntry},
                            {QStringLiteral("category"), QStringLiteral("e2i.alert")}};
    call << m_applicationName << m_ids.value(alert.key(), 0u) << QStringLiteral("dialog-warning") << summary(alert)
         << body(alert) << QStringList{kDefaultAction, tr("Open")} << hints << -1;
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, alert] {
        watcher->deleteLater();
        const QDBusPendingReply<uint> reply = *watcher;
        if (reply.isError()) { // no notification service (ServiceUnknown), or it failed
            Q_EMIT failed(alert, reply.error().message());
            return;
        }
        m_ids.insert(alert.key(), reply.value());
        m_subjects.insert(reply.value(), alert.subject);
        Q_EMIT shown(alert.key());
    });
}

void FreedesktopNotifications::ownerCheck(const QString &name, std::function<void(bool)> answer)
{
    if (!m_bus.isConnected()) {
        answer(false);
        return;
    }
    const QDBusMessage call = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.DBus"),
                                                             QStringLiteral("/org/freedesktop/DBus"),
                                                             QStringLiteral("org.freedesktop.DBus"), QStringLiteral("NameHasOwner"))
        << name;
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [watcher, answer = std::move(answer)] {
        watcher->deleteLater();
        const QDBusPendingReply<bool> reply = *watcher;
        answer(!reply.isError() && reply.value());
    });
}

void FreedesktopNotifications::onActionInvoked(uint id, const QString &action)
{
    if (action == kDefaultAction && m_subjects.contains(id))
        Q_EMIT openSubjectRequested(m_subjects.value(id));
}

void FreedesktopNotifications::onNotificationClosed(uint id, uint /*reason*/)
{
    const QString key = m_ids.key(id);
    if (!key.isEmpty())
        m_ids.remove(key);
    m_subjects.remove(id);
}

} // namespace e2i
