#pragma once
// A session bus of the test's own (dbus-daemon on a socket in a temporary
// directory) that activates no services: a notification daemon installed on
// the machine must not answer in a test service's place, and the developer's
// desktop must not see the test's notifications. Stopped in the destructor.
#include <QProcess>
#include <QTemporaryDir>

namespace e2i::test {

class PrivateSessionBus
{
public:
    ~PrivateSessionBus();
    bool start(QString *error);
    // For QDBusConnection::connectToBus and DBUS_SESSION_BUS_ADDRESS of a child.
    QString address() const { return m_address; }

private:
    QString writeConfig() const;

    QTemporaryDir m_dir;
    QProcess m_daemon;
    QString m_address;
};

} // namespace e2i::test
