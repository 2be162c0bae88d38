// TaskFlow's ingest figures (README, Benchmarks): task events folded in at a
// steady simulated rate, with the snapshot the event subscriber takes every
// second (windows, percentiles, failures, recent minutes) included in the cost.
//   ingest: task events per CPU second, and the CPU each simulated second
//           needs (below 1 s: no backlog at that rate);
//   memory: resident set at the end of every simulated hour (bounded: flat
//           once the 60-minute ring and the task LRU are full).
// The mix: 24 task names on 6 queues / 3 tiers, each task sent, received,
// started and finished (4 events), 2 % failing with a traceback, 1 % retried
// first; runtimes and waits spread over four orders of magnitude.
// Usage: bench_task_flow [--rate EVENTS_PER_S] [--hours H]   (default 5000, 24)
#include "ProcessMeasures.h"
#include "flow/TaskFlow.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

using namespace e2i;
using bench::cpuSeconds;
using bench::residentMiB;

namespace {

constexpr qint64 kStartMs = 1'764'547'200'000; // 2025-12-01T00:00:00Z
constexpr int kEventsPerTask = 4;
const QString kTraceback = QStringLiteral("Traceback (most recent call last):\n  File \"/app/tasks.py\", line 42, in run\n"
                                          "    raise ValueError(f\"boom {n}\")\nValueError: boom 7\n");

struct TaskKind {
    QString name;
    QString queue;
    QString worker;
};

QList<TaskKind> taskKinds()
{
    const QStringList queues{QStringLiteral("quick"), QStringLiteral("api"), QStringLiteral("analytics"),
                             QStringLiteral("reports"), QStringLiteral("shap"), QStringLiteral("causal")};
    const QStringList workers{QStringLiteral("light@w1"), QStringLiteral("medium@w2"), QStringLiteral("heavy@w3")};
    QList<TaskKind> kinds;
    for (int i = 0; i < 24; ++i)
        kinds.append({QStringLiteral("e2i.bench.task_%1").arg(i), queues[i % queues.size()], workers[(i % queues.size()) / 2]});
    return kinds;
}

class Simulation
{
public:
    explicit Simulation(int rate) : m_rate(rate), m_kinds(taskKinds())
    {
        m_flow.setQueueTiers({{QStringLiteral("quick"), QStringLiteral("light")}, {QStringLiteral("api"), QStringLiteral("light")},
                              {QStringLiteral("analytics"), QStringLiteral("medium")}, {QStringLiteral("reports"), QStringLiteral("medium")},
                              {QStringLiteral("shap"), QStringLiteral("heavy")}, {QStringLiteral("causal"), QStringLiteral("heavy")}});
    }

    // One simulated second: rate / 4 tasks, then the subscriber's snapshot.
    void second(qint64 secondIndex)
    {
        const qint64 ms = kStartMs + secondIndex * 1000;
        const int tasks = m_rate / kEventsPerTask;
        for (int i = 0; i < tasks; ++i)
            task(QDateTime::fromMSecsSinceEpoch(ms + qint64(i) * 1000 / tasks, Qt::UTC));
        m_sink += m_flow.snapshot(QDateTime::fromMSecsSinceEpoch(ms + 999, Qt::UTC)).recentMinutes.size();
    }

    qint64 events() const { return m_events; }
    const TaskFlow &flow() const { return m_flow; }

private:
    void task(const QDateTime &at)
    {
        const TaskKind &kind = m_kinds[int(m_random() % quint32(m_kinds.size()))];
        const QString id = QStringLiteral("%1-%2").arg(m_random(), 8, 16, QLatin1Char('0')).arg(++m_taskNumber);
        const double ts = at.toMSecsSinceEpoch() / 1000.0;
        const double wait = std::exp(m_latency(m_random)) * 0.01; // 10 ms median, long tail
        const double runtime = std::exp(m_latency(m_random)) * 0.2;
        ingest(event("task-sent", id, ts, kind, QStringLiteral("producer@api")), at);
        ingest(event("task-received", id, ts, kind, kind.worker), at);
        ingest(event("task-started", id, ts + wait, kind, kind.worker), at);
        const int roll = int(m_random() % 100);
        CeleryEvent done = event(roll < 2 ? "task-failed" : roll < 3 ? "task-retried" : "task-succeeded", id,
                                 ts + wait + runtime, kind, kind.worker);
        done.runtime = runtime;
        if (roll < 3) {
            done.exception = QStringLiteral("ValueError('boom 7')");
            done.traceback = kTraceback;
        }
        ingest(done, at);
    }

    CeleryEvent event(const char *type, const QString &id, double ts, const TaskKind &kind, const QString &host) const
    {
        CeleryEvent e;
        e.type = QString::fromLatin1(type);
        e.uuid = id;
        e.timestamp = ts;
        e.hostname = host;
        if (e.type == QLatin1String("task-sent")) {
            e.name = kind.name;
            e.queue = kind.queue;
            e.args = QStringLiteral("('s3cr3t',)");
        }
        return e;
    }

    void ingest(const CeleryEvent &e, const QDateTime &at)
    {
        m_flow.ingest(e, at);
        ++m_events;
    }

    int m_rate;
    QList<TaskKind> m_kinds;
    TaskFlow m_flow;
    std::mt19937 m_random{20261206};
    std::normal_distribution<double> m_latency{0.0, 1.5};
    qint64 m_taskNumber = 0;
    qint64 m_events = 0;
    qint64 m_sink = 0;
};

int argument(const QStringList &args, const QString &name, int fallback)
{
    const qsizetype at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args[at + 1].toInt() : fallback;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rate = argument(app.arguments(), QStringLiteral("--rate"), 5000);
    const int hours = argument(app.arguments(), QStringLiteral("--hours"), 24);
    printf("task flow: %d task events/s (%d tasks/s) for %d simulated h, a snapshot every simulated second\n", rate,
           rate / kEventsPerTask, hours);
    printf("start: RSS %.1f MiB\n", residentMiB());
    Simulation simulation(rate);
    double worstSecond = 0.0;
    for (int hour = 0; hour < hours; ++hour) {
        const double hourStart = cpuSeconds();
        const qint64 eventsBefore = simulation.events();
        for (int s = 0; s < 3600; ++s) {
            const double before = cpuSeconds();
            simulation.second(qint64(hour) * 3600 + s);
            worstSecond = std::max(worstSecond, cpuSeconds() - before);
        }
        const double cpu = cpuSeconds() - hourStart;
        printf("hour %2d: %.2f M events/CPU s, %.3f CPU s per simulated s (worst %.3f), RSS %.1f MiB, %d series, %d tasks tracked\n",
               hour + 1, double(simulation.events() - eventsBefore) / cpu / 1e6, cpu / 3600.0, worstSecond, residentMiB(),
               simulation.flow().seriesCount(), simulation.flow().trackedTasks());
        fflush(stdout);
    }
    const QList<TaskStats> window = simulation.flow().stats(5, QDateTime::fromMSecsSinceEpoch(kStartMs + qint64(hours) * 3600'000 - 1, Qt::UTC));
    if (!window.isEmpty())
        printf("last 5 min of %s: %lld finished, runtime p50/p95/p99 %.3f/%.3f/%.3f s, wait p95 %.3f s\n",
               qPrintable(window.first().name), window.first().counts.finished(), window.first().runtimeP50,
               window.first().runtimeP95, window.first().runtimeP99, window.first().waitP95);
    return 0;
}
