#include "PlatformJobRun.h"

#include "JobEventWatch.h"

#include <QDeadlineTimer>

#include <algorithm>
#include <stdexcept>

namespace e2i {

namespace {

constexpr int RoundMs = 200; // how often the result backend is read while events are awaited

JobProgress progressOf(const JobEventWatch &events, const QString &id, const QStringList &parts, const JobPlatform &platform,
                       const QString &queue)
{
    JobProgress progress;
    progress.tier = platform.tierOf(queue);
    progress.liveWorkers = events.liveWorkers(platform.workerPrefix(queue));
    progress.partsTotal = parts.isEmpty() ? 1 : int(parts.size());
    if (parts.isEmpty())
        progress.partsDone = events.hasEnded(id) ? 1 : 0;
    else
        progress.partsDone = int(std::count_if(parts.begin(), parts.end(), [&](const QString &part) { return events.hasEnded(part); }));
    const bool started = events.hasStarted(id) || !parts.isEmpty();
    progress.state = started ? QStringLiteral("STARTED") : QStringLiteral("QUEUED");
    return progress;
}

} // namespace

PlatformJobRun::PlatformJobRun(JobPlatform platform)
    : m_platform(std::move(platform))
{
}

std::optional<JobRecord> PlatformJobRun::run(const CeleryTaskMessage &message, const Progress &progress,
                                             const Cancelled &cancelled, int timeoutMs, QString *error)
{
    JobClient client = m_platform.client();
    JobEventWatch events(m_platform.broker);
    if (!events.open(error) || !client.submit(message, error))
        return std::nullopt;
    const QDeadlineTimer deadline(timeoutMs);
    QStringList parts;
    while (true) {
        if (cancelled()) {
            // Terminate: a part that runs stops, and none that waits runs.
            if (!client.cancel(message.id, {message.queue}, true, error))
                return std::nullopt;
            return client.read(message.id, error);
        }
        if (!events.read(RoundMs, error))
            return std::nullopt;
        if (parts.isEmpty()) {
            const auto recorded = client.partIds(message.id, error);
            if (!recorded)
                return std::nullopt;
            parts = *recorded;
        }
        auto record = client.read(message.id, error);
        if (!record)
            return std::nullopt;
        if (record->finished())
            return record;
        progress(progressOf(events, message.id, parts, m_platform, message.queue));
        if (deadline.hasExpired()) {
            *error = QStringLiteral("job %1 is still %2 after %3 s; it goes on (e2ictl jobs list, jobs cancel)")
                         .arg(message.id, record->state).arg(timeoutMs / 1000);
            return std::nullopt;
        }
    }
}

std::optional<JobRecord> PlatformJobRun::runToSuccess(const CeleryTaskMessage &message, const Progress &progress,
                                                      const Cancelled &cancelled, int timeoutMs)
{
    QString error;
    auto record = run(message, progress, cancelled, timeoutMs, &error);
    if (cancelled())
        return std::nullopt;
    if (!record)
        throw std::runtime_error(error.toStdString());
    if (record->state != QLatin1String("SUCCESS"))
        throw std::runtime_error(QStringLiteral("job %1 %2: %3").arg(record->id, record->state, record->failureText()).toStdString());
    return record;
}

} // namespace e2i
