#include "RecorderDesktopNotifier.h"

#include "history/HistorySession.h"

#include <QCoreApplication>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QProcess>
#include <QTextStream>

namespace e2i {

std::unique_ptr<RecorderDesktopNotifier> RecorderDesktopNotifier::start(const QString &environment, PlatformArguments platform,
                                                                        QStringList consoleArguments, HistorySession &session)
{
    QTextStream err(stderr);
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        err << "e2ictl record: no session bus: alerts are not announced on the desktop\n";
        return nullptr;
    }
    const QString name = FreedesktopNotifications::recorderBusName(environment);
    // Blocking, once at start-up, before the recorder samples anything.
    if (!bus.registerService(name)) {
        err << "e2ictl record: " << name << " is taken on the session bus (another recorder announces "
            << environment << "'s alerts): this one does not\n";
        return nullptr;
    }
    platform.environment = environment;
    std::unique_ptr<RecorderDesktopNotifier> notifier(
        new RecorderDesktopNotifier(bus, name, std::move(platform), std::move(consoleArguments)));
    QObject::connect(&session, &HistorySession::alertTransitions, notifier.get(), &RecorderDesktopNotifier::announce);
    err << "e2ictl record: announcing firing alerts on the desktop\n";
    return notifier;
}

RecorderDesktopNotifier::RecorderDesktopNotifier(QDBusConnection bus, QString busName, PlatformArguments platform,
                                                 QStringList consoleArguments)
    : m_bus(std::move(bus)), m_busName(std::move(busName)), m_platform(std::move(platform)),
      m_consoleArguments(std::move(consoleArguments)),
      m_notifications(m_bus, QStringLiteral("E2I Ops Console"), QStringLiteral("io.e2i.OpsConsole"))
{
    connect(&m_notifications, &FreedesktopNotifications::openSubjectRequested, this, &RecorderDesktopNotifier::openConsole);
    connect(&m_notifications, &FreedesktopNotifications::failed, this, [](const AlertState &, const QString &reason) {
        QTextStream(stderr) << "e2ictl record: desktop notification not shown: " << reason << '\n';
    });
}

RecorderDesktopNotifier::~RecorderDesktopNotifier()
{
    m_bus.unregisterService(m_busName);
}

void RecorderDesktopNotifier::announce(const QList<AlertTransition> &transitions)
{
    for (const AlertTransition &t : transitions)
        if (t.state.phase == AlertState::Phase::Firing && t.from != AlertState::Phase::Firing && !t.state.silenced)
            m_notifications.show(t.state);
}

// The console installed beside this e2ictl (both in /usr/bin, or both in the
// build tree's app/), on this platform and this alert's subject.
void RecorderDesktopNotifier::openConsole(const QString &subject)
{
    const QString console = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("e2i-console"));
    const QStringList arguments = m_platform.toArguments() + m_consoleArguments + QStringList{QStringLiteral("--subject"), subject};
    if (!QProcess::startDetached(console, arguments))
        QTextStream(stderr) << "e2ictl record: cannot start " << console << " for " << subject << '\n';
}

} // namespace e2i
