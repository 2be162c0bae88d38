#pragma once
// `e2ictl record --config FILE` running beside a test, terminated (SIGTERM, as
// systemd stops it) when the test ends, also when it fails. It announces no
// alerts on the desktop (--no-notify) unless given a session bus of the test's own.
#include <QProcess>
#include <QStringList>

namespace e2i::test {

class RecorderProcess
{
public:
    RecorderProcess() = default;
    ~RecorderProcess() { stop(); }
    RecorderProcess(const RecorderProcess &) = delete;
    RecorderProcess &operator=(const RecorderProcess &) = delete;

    // Before start(): announce alerts on this bus (a PrivateSessionBus address).
    void setSessionBus(const QString &address) { m_sessionBus = address; }
    bool start(const QString &consoleConfig, const QStringList &extraArguments = {});
    void stop();
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    QProcess &process() { return m_process; }

private:
    QProcess m_process;
    QString m_sessionBus;
};

} // namespace e2i::test
