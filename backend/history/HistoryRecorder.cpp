#include "HistoryRecorder.h"

#include "EventKinds.h"
#include "SampleSeries.h"
#include "TaskHistoryTable.h"
#include "core/Logging.h"

#include <QCoreApplication>
#include <QDateTime>

namespace e2i {

HistoryRecorder::HistoryRecorder(QString file, HistoryRetention retention, CostFunction cost, QObject *parent)
    : QObject(parent), m_file(std::move(file)), m_retention(retention), m_cost(std::move(cost))
{
    m_status.file = m_file;
}

void HistoryRecorder::start()
{
    m_store.setRetention(m_retention);
    m_status.open = m_store.open(m_file);
    m_status.notice = m_store.notice();
    if (!m_status.notice.isEmpty())
        log::warn(m_status.notice);
    if (!m_status.open) {
        report(m_store.errorString());
        return;
    }
    seedDetector();
    addEvent({0, QDateTime::currentMSecsSinceEpoch(), EventKinds::RecorderStarted, QCoreApplication::applicationName(),
              {}, {}, QStringLiteral("pid %1").arg(QCoreApplication::applicationPid())});
    Q_EMIT statusChanged(m_status);
}

// The last recorded state of each service and of Redis, so that a restart
// reports what changed while nobody recorded, not every service anew.
void HistoryRecorder::seedDetector()
{
    const qint64 last = m_store.lastSampleMs();
    if (last <= 0)
        return;
    const QString prefix = QStringLiteral("service/");
    const QString suffix = QStringLiteral("/status");
    for (const QString &name : m_store.seriesNames()) {
        if (!name.startsWith(prefix) || !name.endsWith(suffix))
            continue;
        if (const auto point = m_store.valueAt(name, last))
            m_detector.seedService(name.mid(prefix.size(), name.size() - prefix.size() - suffix.size()),
                                   SampleSeries::statusFromValue(point->last));
    }
    if (const auto redis = m_store.valueAt(SampleSeries::redisConnectedSeries(), last))
        m_detector.seedRedis(redis->last > 0.5);
}

void HistoryRecorder::record(const PlatformSample &sample)
{
    if (!m_status.open)
        return;
    const QList<HistoryEvent> events = m_detector.detect(sample);
    const std::optional<LiveCostRate::Rates> cost = m_cost && sample.redis.connected ? m_cost(sample) : std::nullopt;
    if (!m_store.appendSample(sample.sampledAt.toMSecsSinceEpoch(), SampleSeries::flatten(sample, cost), events)) {
        ++m_status.writeFailures;
        report(m_store.diskFull() ? QStringLiteral("disk full, history not written: ") + m_store.errorString()
                                  : m_store.errorString());
        Q_EMIT sampleHandled(m_status);
        return;
    }
    m_status.lastWrittenMs = sample.sampledAt.toMSecsSinceEpoch();
    if (!m_status.problem.isEmpty()) {
        log::info(QStringLiteral("history: writing again to %1").arg(m_file));
        report(QString());
    }
    Q_EMIT sampleHandled(m_status);
    if (!events.isEmpty())
        Q_EMIT eventsRecorded(events);
}

void HistoryRecorder::addEvent(const HistoryEvent &event)
{
    if (!m_status.open)
        return;
    if (!m_store.appendEvent(event)) {
        ++m_status.writeFailures;
        report(m_store.errorString());
        return;
    }
    Q_EMIT eventsRecorded({event});
}

void HistoryRecorder::recordFlow(const TaskFlowSnapshot &flow)
{
    if (!m_status.open)
        return;
    const qint64 currentMinuteMs = flow.takenAt.toMSecsSinceEpoch() / HistoryStore::kMinuteMs * HistoryStore::kMinuteMs;
    QList<TaskMinute> ended;
    m_openMinute.clear();
    for (const TaskMinute &m : flow.recentMinutes) {
        if (m.minuteMs >= currentMinuteMs)
            m_openMinute.append(m);
        else if (m.minuteMs >= m_flowWrittenUpToMs)
            ended.append(m);
    }
    QList<TaskFailure> failures;
    for (auto it = flow.failures.crbegin(); it != flow.failures.crend(); ++it) // oldest first
        if (it->sequence > m_failuresWritten)
            failures.append(*it);
    writeFlow(ended, failures);
    m_flowWrittenUpToMs = qMax(m_flowWrittenUpToMs, currentMinuteMs);
}

// A refused write (busy, full disk) keeps its rows pending, bounded, and the
// next call writes them with its own: one transaction, so no minute is lost or
// written twice, and the status names the problem meanwhile.
void HistoryRecorder::writeFlow(const QList<TaskMinute> &minutes, const QList<TaskFailure> &failures)
{
    if (!failures.isEmpty())
        m_failuresWritten = failures.last().sequence;
    m_pendingFlow.add(minutes, failures);
    if (m_pendingFlow.isEmpty())
        return;
    if (!m_store.appendTaskFlow(m_pendingFlow.minutes(), m_pendingFlow.failures())) {
        ++m_status.writeFailures;
        const qint64 dropped = m_pendingFlow.droppedRows();
        report(m_store.errorString()
               + (dropped > 0 ? QStringLiteral(" (%1 task rows dropped: the outage outlasted the pending bound)").arg(dropped)
                              : QString()));
        return;
    }
    QList<HistoryEvent> events;
    for (const TaskFailure &f : m_pendingFlow.failures())
        events.append(TaskHistoryTable::failureEvent(f));
    m_pendingFlow.clear();
    if (!events.isEmpty())
        Q_EMIT eventsRecorded(events);
}

void HistoryRecorder::stop()
{
    if (!m_status.open)
        return;
    writeFlow(m_openMinute, {});
    m_openMinute.clear();
    addEvent({0, QDateTime::currentMSecsSinceEpoch(), EventKinds::RecorderStopped, QCoreApplication::applicationName(),
              {}, {}, QString()});
}

// Logs a problem once when it starts and once when it ends, not every sample.
void HistoryRecorder::report(const QString &problem)
{
    if (problem == m_status.problem)
        return;
    if (!problem.isEmpty())
        log::error(QStringLiteral("history: ") + problem);
    m_status.problem = problem;
    Q_EMIT statusChanged(m_status);
}

} // namespace e2i
