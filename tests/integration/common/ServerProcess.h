#pragma once
// A server program started by a test (Prometheus, Alertmanager): found on
// PATH, its output collected, waited for until it says it is ready, and
// stopped in the destructor (SIGTERM, then SIGKILL), also when the test fails.
#include <QProcess>
#include <QStringList>

namespace e2i::test {

class ServerProcess
{
public:
    ServerProcess() = default;
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    // A loopback port free at the time of asking (0 when none could be had).
    static int freePort();

    // Starts `program` and returns once its output contains `readyMarker`, or
    // false with the reason and the end of its log. `package` is the Debian
    // package that ships the program, for the message when it is missing.
    bool start(const QString &program, const QString &package, const QStringList &arguments,
               const QByteArray &readyMarker, QString *error);
    QByteArray log();

private:
    QProcess m_process;
    QByteArray m_log;
};

} // namespace e2i::test
