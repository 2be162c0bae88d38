#include "TaskFlow.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace e2i {
namespace {

const QString kUnknownName = QStringLiteral("?");

qint64 epochMinute(const QDateTime &t)
{
    return t.toMSecsSinceEpoch() / 60'000;
}

qint64 micros(double seconds)
{
    return qint64(std::llround(qMax(0.0, seconds) * 1e6));
}

bool is(const CeleryEvent &e, const char *type)
{
    return e.type == QLatin1String(type);
}

// "ValueError('boom 1')" -> ("ValueError", "boom 1"); anything else is all type.
std::pair<QString, QString> splitException(const QString &repr)
{
    const qsizetype open = repr.indexOf(u'(');
    if (open <= 0 || !repr.endsWith(u')'))
        return {repr.trimmed(), {}};
    QString message = repr.mid(open + 1, repr.size() - open - 2).trimmed();
    if (message.size() >= 2 && (message.front() == u'\'' || message.front() == u'"') && message.back() == message.front())
        message = message.mid(1, message.size() - 2);
    return {repr.left(open).trimmed(), message};
}

// The traceback's last line is what Python printed for the exception
// ("ValueError: boom 3"). Preferred to the event's `exception` repr: Celery 5.2
// on Python 3.11 sends "ExceptionWithTraceback()" there (billiard's wrapper).
std::optional<std::pair<QString, QString>> exceptionFromTraceback(const QString &traceback)
{
    static const QRegularExpression lastLine(QStringLiteral("^([A-Za-z_][\\w.]*)(?:: (.*))?$"));
    const QStringList lines = traceback.trimmed().split(u'\n');
    if (lines.isEmpty())
        return std::nullopt;
    const auto match = lastLine.match(lines.last().trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    return std::pair{match.captured(1), match.captured(2)};
}

QString truncated(const QString &text, int maxChars)
{
    return text.size() <= maxChars ? text : text.left(maxChars) + QStringLiteral("…");
}

} // namespace

TaskFlow::TaskFlow(FlowSettings settings)
    : m_settings(settings)
    , m_tasks(settings.maxTrackedTasks)
{
}

std::optional<TaskEventLine> TaskFlow::ingest(const CeleryEvent &event, const QDateTime &receivedAt)
{
    if (!event.isTaskEvent() || event.uuid.isEmpty())
        return std::nullopt;
    ++m_taskEvents;
    TaskRecord &record = recordFor(event);
    update(record, event, receivedAt);
    const qint64 minute = epochMinute(receivedAt);
    count(record, event, minute);
    recordLatencies(record, event, minute);
    if (is(event, "task-failed"))
        captureFailure(record, event, receivedAt);
    if (is(event, "task-started"))
        m_running.insert(record.taskId, receivedAt);
    else if (!is(event, "task-sent") && !is(event, "task-received"))
        m_running.remove(record.taskId);
    return TaskEventLine{receivedAt, event.type, record.taskId, record.name, record.queue, record.tier,
                         record.worker, event.runtime, event.exception, record.args};
}

TaskRecord &TaskFlow::recordFor(const CeleryEvent &event)
{
    QString evicted;
    TaskRecord &record = m_tasks.touch(event.uuid, &evicted);
    if (!evicted.isEmpty())
        m_running.remove(evicted); // a task the LRU forgot cannot be reported as running
    return record;
}

void TaskFlow::update(TaskRecord &record, const CeleryEvent &event, const QDateTime &receivedAt)
{
    if (!event.name.isEmpty())
        record.name = event.name;
    if (!event.queue.isEmpty())
        record.queue = event.queue;
    if (record.name.isEmpty())
        record.name = kUnknownName;
    if (!is(event, "task-sent"))
        record.worker = event.hostname;
    record.tier = tierFor(record.queue, record.worker);
    rememberQueue(record);
    record.retries = qMax(record.retries, event.retries);
    if (m_settings.showTaskArgs && (!event.args.isEmpty() || !event.kwargs.isEmpty()))
        record.args = shownArgs(event);
    if (is(event, "task-sent")) {
        record.state = TaskRecord::State::Sent;
        record.sentTimestamp = event.timestamp;
    } else if (is(event, "task-received")) {
        record.state = TaskRecord::State::Received;
        record.receivedTimestamp = event.timestamp;
    } else if (is(event, "task-started")) {
        record.state = TaskRecord::State::Started;
        record.startedTimestamp = event.timestamp;
        record.startedAt = receivedAt;
    } else if (is(event, "task-succeeded")) {
        record.state = TaskRecord::State::Succeeded;
    } else if (is(event, "task-failed")) {
        record.state = TaskRecord::State::Failed;
    } else if (is(event, "task-retried")) {
        record.state = TaskRecord::State::Retried;
    } else if (is(event, "task-rejected")) {
        record.state = TaskRecord::State::Rejected;
    } else if (is(event, "task-revoked")) {
        record.state = TaskRecord::State::Revoked;
    }
}

void TaskFlow::count(const TaskRecord &record, const CeleryEvent &event, qint64 minute)
{
    TaskSeries &series = seriesFor(record);
    increment(series.countsAt(minute), event);
    increment(series.totalCounts(), event);
}

void TaskFlow::increment(TaskCounts &c, const CeleryEvent &event)
{
    if (is(event, "task-sent"))
        ++c.sent;
    else if (is(event, "task-received"))
        ++c.received;
    else if (is(event, "task-started"))
        ++c.started;
    else if (is(event, "task-succeeded"))
        ++c.succeeded;
    else if (is(event, "task-failed"))
        ++c.failed;
    else if (is(event, "task-retried"))
        ++c.retried;
    else if (is(event, "task-rejected"))
        ++c.rejected;
    else if (is(event, "task-revoked"))
        ++c.revoked;
}

// Wait and runtime come from the senders' timestamps (Celery's own clocks, as
// Flower does): receipt times would add the worker's event batching delay.
// A wait across hosts includes their clock skew; a negative one counts as 0.
void TaskFlow::recordLatencies(const TaskRecord &record, const CeleryEvent &event, qint64 minute)
{
    if (is(event, "task-started")) {
        const double queuedAt = record.sentTimestamp > 0 ? record.sentTimestamp : record.receivedTimestamp;
        if (queuedAt > 0)
            seriesFor(record).recordLatency(TaskSeries::Latency::Wait, minute, micros(event.timestamp - queuedAt));
        return;
    }
    double runtime = -1.0;
    if (is(event, "task-succeeded"))
        runtime = event.runtime;
    if ((is(event, "task-failed") || runtime < 0) && record.startedTimestamp > 0
        && (is(event, "task-succeeded") || is(event, "task-failed")))
        runtime = event.timestamp - record.startedTimestamp;
    if (runtime >= 0)
        seriesFor(record).recordLatency(TaskSeries::Latency::Runtime, minute, micros(runtime));
}

void TaskFlow::captureFailure(const TaskRecord &record, const CeleryEvent &event, const QDateTime &receivedAt)
{
    const auto [type, message] = exceptionFromTraceback(event.traceback).value_or(splitException(event.exception));
    QString traceback = event.traceback;
    if (traceback.size() > m_settings.tracebackMaxChars)
        traceback = QStringLiteral("…") + traceback.right(m_settings.tracebackMaxChars);
    m_failures.push_front({record.taskId, record.name, record.queue, record.tier, record.worker, type, message,
                           traceback, record.retries, receivedAt, record.args, ++m_failureSequence});
    while (int(m_failures.size()) > qMax(1, m_settings.maxFailures))
        m_failures.pop_back();
}

// The producer's task-sent can arrive after the worker's received/started
// (different senders, batched events). Until it does, such a task is counted
// on the queue its name last went to on that tier, if one is known.
void TaskFlow::rememberQueue(TaskRecord &record)
{
    const QString key = record.name + u'\n' + record.tier;
    if (!record.queue.isEmpty()) {
        if (m_lastQueue.size() >= 4 * qMax(1, m_settings.maxTaskKeys))
            m_lastQueue.clear(); // bounded; refilled by the next task-sent of each name
        m_lastQueue.insert(key, record.queue);
    } else {
        record.queue = m_lastQueue.value(key);
    }
}

TaskSeries &TaskFlow::seriesFor(const TaskRecord &record)
{
    const Key key{record.name, record.queue, record.tier};
    auto found = m_series.find(key);
    if (found != m_series.end())
        return found->second;
    if (int(m_series.size()) >= qMax(1, m_settings.maxTaskKeys)) {
        auto oldest = std::min_element(m_series.begin(), m_series.end(), [](const auto &a, const auto &b) {
            return a.second.lastMinute() < b.second.lastMinute();
        });
        m_series.erase(oldest);
    }
    return m_series.try_emplace(key).first->second;
}

QString TaskFlow::tierFor(const QString &queue, const QString &worker) const
{
    const QString byQueue = m_queueToTier.value(queue);
    return byQueue.isEmpty() ? m_prefixToTier.value(worker.section(u'@', 0, 0)) : byQueue;
}

QString TaskFlow::shownArgs(const CeleryEvent &event) const
{
    const QString joined = event.kwargs.isEmpty() ? event.args : event.args + QStringLiteral(" ") + event.kwargs;
    return truncated(joined, m_settings.argsMaxChars);
}

QList<TaskStats> TaskFlow::stats(int windowMinutes, const QDateTime &now) const
{
    QList<TaskStats> list;
    const qint64 nowMinute = epochMinute(now);
    for (const auto &[key, series] : m_series) {
        TaskStats s = series.stats(windowMinutes, nowMinute);
        if (s.counts.sent + s.counts.received + s.counts.started + s.counts.finished() + s.counts.retried
                + s.counts.rejected + s.counts.revoked == 0)
            continue;
        std::tie(s.name, s.queue, s.tier) = key;
        list.append(s);
    }
    return list; // std::map order: name, queue, tier
}

QHash<QString, TaskCounts> TaskFlow::countsByName(int windowMinutes, const QDateTime &now) const
{
    QHash<QString, TaskCounts> byName;
    const qint64 nowMinute = epochMinute(now);
    for (const auto &[key, series] : m_series) {
        LatencyHistogram unusedRuntime, unusedWait;
        series.accumulate(windowMinutes, nowMinute, byName[std::get<0>(key)], unusedRuntime, unusedWait);
    }
    return byName;
}

QList<TaskFailure> TaskFlow::recentFailures() const
{
    return QList<TaskFailure>(m_failures.begin(), m_failures.end());
}

QList<TaskTotals> TaskFlow::totals() const
{
    QList<TaskTotals> list;
    for (const auto &[key, series] : m_series) {
        TaskTotals t = series.totals();
        std::tie(t.name, t.queue, t.tier) = key;
        list.append(t);
    }
    return list; // std::map order: name, queue, tier
}

QList<RunningTask> TaskFlow::slowestRunning(int count, const QDateTime &now) const
{
    QList<RunningTask> running;
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it) {
        const TaskRecord *r = m_tasks.find(it.key());
        if (r)
            running.append({r->taskId, r->name, r->queue, r->tier, r->worker, it.value(), it.value().msecsTo(now) / 1000.0});
    }
    std::sort(running.begin(), running.end(), [](const RunningTask &a, const RunningTask &b) {
        return a.startedAt < b.startedAt || (a.startedAt == b.startedAt && a.taskId < b.taskId);
    });
    if (running.size() > count)
        running.resize(qMax(0, count));
    return running;
}

std::optional<TaskRecord> TaskFlow::lookup(const QString &taskId) const
{
    const TaskRecord *r = m_tasks.find(taskId);
    return r ? std::optional<TaskRecord>(*r) : std::nullopt;
}

QList<TaskMinute> TaskFlow::minutes(qint64 fromMinute, qint64 toMinute) const
{
    QList<TaskMinute> list;
    for (const auto &[key, series] : m_series) {
        for (TaskMinute m : series.minutes(fromMinute, toMinute)) {
            std::tie(m.name, m.queue, m.tier) = key;
            list.append(m);
        }
    }
    std::stable_sort(list.begin(), list.end(), [](const TaskMinute &a, const TaskMinute &b) { return a.minuteMs < b.minuteMs; });
    return list;
}

TaskFlowSnapshot TaskFlow::snapshot(const QDateTime &now) const
{
    TaskFlowSnapshot s;
    s.takenAt = now;
    for (int minutes : kWindows)
        s.windows.insert(minutes, stats(minutes, now));
    s.failingWindow = countsByName(m_settings.failingWindowMinutes, now);
    s.failures = recentFailures();
    s.slowestRunning = slowestRunning(m_settings.slowestRunning, now);
    s.taskEvents = m_taskEvents;
    s.totals = totals();
    const qint64 nowMinute = epochMinute(now);
    s.recentMinutes = minutes(nowMinute - TaskFlowSnapshot::kRecordedMinutes + 1, nowMinute);
    return s;
}

} // namespace e2i
