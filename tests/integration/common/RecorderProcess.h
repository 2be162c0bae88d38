#pragma once
// `e2ictl record --config FILE` running beside a test, terminated (SIGTERM, as
// systemd stops it) when the test ends, also when it fails.
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

    bool start(const QString &consoleConfig, const QStringList &extraArguments = {});
    void stop();
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    QProcess &process() { return m_process; }

private:
    QProcess m_process;
};

} // namespace e2i::test
