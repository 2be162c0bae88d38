#include "FakeNotificationService.h"

namespace e2i::test {
namespace {
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kService = QStringLiteral("org.freedesktop.Notifications");
} // namespace

bool FakeNotificationService::registerOn(QDBusConnection bus)
{
    return bus.registerObject(kPath, this, QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals)
        && bus.registerService(kService);
}

void FakeNotificationService::unregisterFrom(QDBusConnection bus)
{
    bus.unregisterService(kService);
    bus.unregisterObject(kPath);
}

uint FakeNotificationService::Notify(const QString &appName, uint replacesId, const QString &icon, const QString &summary,
                                     const QString &body, const QStringList &actions, const QVariantMap &hints, int timeout)
{
    Q_UNUSED(icon);
    Q_UNUSED(timeout);
    calls.append({appName, summary, body, actions, hints, replacesId});
    return replacesId != 0 ? replacesId : uint(calls.size()) + 40;
}

} // namespace e2i::test
