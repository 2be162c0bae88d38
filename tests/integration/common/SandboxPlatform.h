#pragma once
// A real sandbox platform (scripts/sandbox/e2i-sandbox) for one test: started
// in a temporary directory on free loopback ports, stopped in the destructor,
// also when the test fails.
#include <QHash>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

namespace e2i::test {

class SandboxPlatform
{
public:
    // Extra `up` arguments, e.g. {"--no-load", "--heavy", "0"}.
    explicit SandboxPlatform(QStringList upArguments = {QStringLiteral("--no-load")});
    ~SandboxPlatform();
    SandboxPlatform(const SandboxPlatform &) = delete;
    SandboxPlatform &operator=(const SandboxPlatform &) = delete;

    bool start(QString *error);
    QString value(const QString &key) const { return m_env.value(key); }
    QString directory() const { return m_dir.path(); }
    QString consoleConfig() const { return value(QStringLiteral("E2I_CONSOLE_CONFIG")); }
    int redisPort() const { return value(QStringLiteral("E2I_PORT_REDIS")).toInt(); }

    // Runs `e2i-sandbox ctl --dir DIR <arguments>`; true when it succeeded.
    bool ctl(const QStringList &arguments, QString *output = nullptr);
    // Runs redis-cli against the platform redis; returns its stdout.
    QByteArray redisCli(const QStringList &arguments);

    // Starts one more worker of the sandbox's Celery app in `worker`, on the sandbox's
    // Redis: `python3 -m celery -A sandbox_tasks worker -E` + `arguments`, its output in
    // logs/<logName>.log, with `environment` added to the sandbox's. Does not wait for
    // the worker to be ready; the caller waits for what it needs (a ping, a heartbeat).
    bool startWorker(QProcess &worker, const QStringList &arguments, const QString &logName,
                     const QHash<QString, QString> &environment = {});

    static QString script();
    // Where the sandbox's Python modules live (its Celery app, sandbox_tasks).
    static QString scriptsDirectory();

private:
    bool readEnvironment(QString *error);
    void stop();

    QStringList m_upArguments;
    QTemporaryDir m_dir;
    QProcess m_supervisor;
    QHash<QString, QString> m_env;
};

} // namespace e2i::test
