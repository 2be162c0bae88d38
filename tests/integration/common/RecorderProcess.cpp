#include "RecorderProcess.h"

#include "ProgramRun.h"

namespace e2i::test {

bool RecorderProcess::start(const QString &consoleConfig, const QStringList &extraArguments)
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QStringList arguments = QStringList{QStringLiteral("record"), QStringLiteral("--config"), consoleConfig} + extraArguments;
    if (m_sessionBus.isEmpty()) {
        arguments << QStringLiteral("--no-notify"); // never on the developer's desktop
    } else {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), m_sessionBus);
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen")); // for a console it opens
        m_process.setProcessEnvironment(environment);
    }
    m_process.start(ctlProgram(), arguments);
    return m_process.waitForStarted();
}

void RecorderProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10'000))
        m_process.kill();
    m_process.waitForFinished(5'000);
}

} // namespace e2i::test
