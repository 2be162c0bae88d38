#include "RecorderProcess.h"

#include "ProgramRun.h"

namespace e2i::test {

bool RecorderProcess::start(const QString &consoleConfig, const QStringList &extraArguments)
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(ctlProgram(), QStringList{QStringLiteral("record"), QStringLiteral("--config"), consoleConfig} + extraArguments);
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
