#include "SandboxPlatform.h"

#include <QDeadlineTimer>
#include <QFile>

namespace e2i::test {
namespace {
constexpr int kStartTimeoutMs = 90'000; // first start on a cold, loaded 2-core machine
constexpr int kCtlTimeoutMs = 90'000;
} // namespace

SandboxPlatform::SandboxPlatform(QStringList upArguments)
    : m_upArguments(std::move(upArguments))
{
}

SandboxPlatform::~SandboxPlatform()
{
    stop();
}

QString SandboxPlatform::script()
{
    return QStringLiteral(E2I_SOURCE_DIR "/scripts/sandbox/e2i-sandbox");
}

QString SandboxPlatform::scriptsDirectory()
{
    return QStringLiteral(E2I_SOURCE_DIR "/scripts/sandbox");
}

bool SandboxPlatform::startWorker(QProcess &worker, const QStringList &arguments, const QString &logName,
                                  const QHash<QString, QString> &environment)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("E2I_SANDBOX_REDIS_URL"), value(QStringLiteral("E2I_REDIS_URL")));
    env.insert(QStringLiteral("PYTHONPATH"), scriptsDirectory());
    env.remove(QStringLiteral("PYTHONHOME"));
    for (auto it = environment.begin(); it != environment.end(); ++it)
        env.insert(it.key(), it.value());
    worker.setProcessEnvironment(env);
    worker.setWorkingDirectory(scriptsDirectory());
    worker.setProcessChannelMode(QProcess::MergedChannels);
    worker.setStandardOutputFile(directory() + QStringLiteral("/logs/") + logName + QStringLiteral(".log"));
    worker.start(QStringLiteral("/usr/bin/python3"), QStringList{QStringLiteral("-m"), QStringLiteral("celery"), QStringLiteral("-A"),
                                                                QStringLiteral("sandbox_tasks"), QStringLiteral("worker"),
                                                                QStringLiteral("-E")}
                                                         + arguments);
    return worker.waitForStarted();
}

bool SandboxPlatform::start(QString *error)
{
    m_supervisor.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_supervisor.start(script(), QStringList{QStringLiteral("up"), QStringLiteral("--dir"), m_dir.path()} + m_upArguments);
    if (!m_supervisor.waitForStarted(10'000)) {
        *error = QStringLiteral("cannot start %1: %2").arg(script(), m_supervisor.errorString());
        return false;
    }
    QByteArray printed;
    QDeadlineTimer deadline(kStartTimeoutMs);
    while (!printed.contains("READY\n")) {
        if (deadline.hasExpired() || m_supervisor.state() != QProcess::Running) {
            *error = QStringLiteral("sandbox did not become ready; it printed: ") + QString::fromUtf8(printed);
            return false;
        }
        m_supervisor.waitForReadyRead(500);
        printed += m_supervisor.readAllStandardOutput();
    }
    return readEnvironment(error);
}

bool SandboxPlatform::readEnvironment(QString *error)
{
    QFile file(m_dir.filePath(QStringLiteral("sandbox.env")));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("no sandbox.env in ") + m_dir.path();
        return false;
    }
    for (const QByteArray &line : file.readAll().split('\n')) {
        const qsizetype eq = line.indexOf('=');
        if (eq > 0)
            m_env.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1)));
    }
    return true;
}

bool SandboxPlatform::ctl(const QStringList &arguments, QString *output)
{
    QProcess process;
    process.start(script(), QStringList{QStringLiteral("ctl"), QStringLiteral("--dir"), m_dir.path()} + arguments);
    const bool finished = process.waitForFinished(kCtlTimeoutMs);
    if (output)
        *output = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
    if (!finished)
        process.kill();
    return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

QByteArray SandboxPlatform::redisCli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("redis-cli"),
                  QStringList{QStringLiteral("-p"), QString::number(redisPort()), QStringLiteral("--no-raw")} + arguments);
    process.waitForFinished(10'000);
    return process.readAllStandardOutput();
}

void SandboxPlatform::stop()
{
    if (m_supervisor.state() == QProcess::NotRunning)
        return;
    // SIGTERM: the supervisor stops its workers and servers; it also kills them
    // if it dies, so a kill after the grace period leaves nothing behind.
    m_supervisor.terminate();
    if (!m_supervisor.waitForFinished(20'000)) {
        m_supervisor.kill();
        m_supervisor.waitForFinished(5'000);
    }
}

} // namespace e2i::test
