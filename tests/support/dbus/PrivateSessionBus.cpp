#include "PrivateSessionBus.h"

#include <QFile>

namespace e2i::test {
namespace {
constexpr int kWaitMs = 10'000; // an upper bound for the daemon, never a timing assertion
}

PrivateSessionBus::~PrivateSessionBus()
{
    m_daemon.terminate();
    m_daemon.waitForFinished(kWaitMs);
}

QString PrivateSessionBus::writeConfig() const
{
    const QString path = m_dir.filePath(QStringLiteral("bus.conf"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
               " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
               "<busconfig><type>session</type><listen>unix:dir=");
    file.write(m_dir.path().toUtf8());
    file.write("</listen><policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
               "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n");
    return path;
}

bool PrivateSessionBus::start(QString *error)
{
    const QString config = m_dir.isValid() ? writeConfig() : QString();
    if (config.isEmpty()) {
        *error = QStringLiteral("cannot write the bus configuration");
        return false;
    }
    m_daemon.start(QStringLiteral("dbus-daemon"), {QStringLiteral("--config-file=") + config, QStringLiteral("--print-address"),
                                                   QStringLiteral("--nofork"), QStringLiteral("--nopidfile")});
    if (!m_daemon.waitForStarted(kWaitMs)) {
        *error = QStringLiteral("dbus-daemon: ") + m_daemon.errorString();
        return false;
    }
    while (!m_daemon.canReadLine()) {
        if (!m_daemon.waitForReadyRead(kWaitMs)) {
            *error = QStringLiteral("dbus-daemon printed no address");
            return false;
        }
    }
    m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
    return !m_address.isEmpty();
}

} // namespace e2i::test
