#pragma once
// A real redis-server for one test: its own temporary directory, a free
// loopback port, started daemonized from a config file (so a restore can stop
// it and start it again with the same command), and stopped in the destructor
// even when the test fails.
#include <QByteArrayList>
#include <QStringList>
#include <QTemporaryDir>

namespace e2i::test {

class RedisServerProcess
{
public:
    // `extraConfig`: lines appended to redis.conf, e.g. "repl-diskless-sync no".
    explicit RedisServerProcess(QStringList extraConfig = {});
    ~RedisServerProcess();
    RedisServerProcess(const RedisServerProcess &) = delete;
    RedisServerProcess &operator=(const RedisServerProcess &) = delete;

    bool start(QString *error);
    void stop();

    int port() const { return m_port; }
    QString directory() const { return m_dir.path(); }
    QString configPath() const;
    QString dumpPath() const;
    QString startCommand() const; // what a restore runs to bring the server back

    // Runs redis-cli against this server; returns its stdout (raw).
    QByteArray cli(const QStringList &arguments, int timeoutMs = 10'000) const;

    static int freePort();

private:
    bool writeConfig(QString *error) const;
    qint64 pid() const;

    QStringList m_extraConfig;
    QTemporaryDir m_dir;
    int m_port = 0;
};

} // namespace e2i::test
