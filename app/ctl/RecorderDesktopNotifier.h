#pragma once
// Desktop notifications from `e2ictl record`, so an alert is heard while no
// console window is open (the recorder runs as a user service). On a session
// bus only: it owns FreedesktopNotifications::recorderBusName(environment),
// which tells a console on the same desktop to leave the announcing to it.
// A notification's "Open" starts the console on the same platform, on the
// alert's subject (e2i-console --subject).
#include "alerts/FreedesktopNotifications.h"
#include "session/PlatformArguments.h"

#include <memory>

namespace e2i {

class HistorySession;

class RecorderDesktopNotifier : public QObject
{
    Q_OBJECT
public:
    // nullptr, with a line on stderr saying why, when there is no session bus
    // or the name is taken (another recorder of the environment notifies).
    static std::unique_ptr<RecorderDesktopNotifier> start(const QString &environment, PlatformArguments platform,
                                                          QStringList consoleArguments, HistorySession &session);
    ~RecorderDesktopNotifier() override;

private:
    RecorderDesktopNotifier(QDBusConnection bus, QString busName, PlatformArguments platform, QStringList consoleArguments);
    void announce(const QList<AlertTransition> &transitions);
    void openConsole(const QString &subject);

    QDBusConnection m_bus;
    QString m_busName;
    PlatformArguments m_platform;
    QStringList m_consoleArguments; // besides the platform's: --history FILE
    FreedesktopNotifications m_notifications;
};

} // namespace e2i
