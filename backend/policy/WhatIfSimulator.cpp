#include "policy/WhatIfSimulator.h"

#include "policy/CooldownRecord.h"
#include "policy/PolicyEngine.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <deque>

namespace e2i::WhatIfSimulator {
namespace {

// Fluid service leaves fractions like 0.999999999 that stand for a whole task.
constexpr double kTaskEpsilon = 1e-9;

// Replays the sorted samples once, giving each queue's recorded depth as time advances.
class DepthCursor {
public:
    explicit DepthCursor(const QList<DepthSample> &samples) : m_samples(samples) {}

    void advanceTo(qint64 epochSeconds)
    {
        while (m_next < m_samples.size() && m_samples.at(m_next).epochSeconds <= epochSeconds) {
            m_depth.insert(m_samples.at(m_next).queue, m_samples.at(m_next).depth);
            ++m_next;
        }
    }

    qint64 depth(const QString &queue) const { return m_depth.value(queue, 0); }

private:
    const QList<DepthSample> &m_samples;
    qsizetype m_next = 0;
    QHash<QString, qint64> m_depth;
};

// One tier's fluid queue, its replicas and the policy's cooldown clocks.
class TierRun {
public:
    TierRun(const TierPolicy &tier, double tasksPerReplicaPerMinute, int replicas, int tickSeconds)
        : m_tier(tier), m_rate(tasksPerReplicaPerMinute), m_replicas(replicas), m_tickSeconds(tickSeconds)
    {
        m_result.tier = tier.name;
    }

    const TierPolicy &tier() const { return m_tier; }

    void tick(qint64 now, qint64 arrivals, bool first)
    {
        if (arrivals > 0)
            m_waiting.push_back({now, double(arrivals)});
        m_result.arrived += arrivals;
        if (!first)
            serve(now, m_replicas * m_rate * m_tickSeconds / 60.0);
        decide(now);
    }

    TierSimulation finish(qint64 end)
    {
        for (const Cohort &cohort : m_waiting) {
            recordWait(end - cohort.time, cohort.remaining);
            m_result.stillQueued += cohort.remaining;
        }
        m_result.meanWaitSeconds = m_waitedTasks > 0 ? m_waitSum / m_waitedTasks : 0.0;
        // The last tick's replicas serve nothing inside the trace.
        for (qsizetype i = 0; i + 1 < m_result.replicas.size(); ++i)
            m_result.replicaHours += m_result.replicas.at(i) * m_tickSeconds / 3600.0;
        return m_result;
    }

private:
    struct Cohort {
        qint64 time;
        double remaining;
    };

    void serve(qint64 now, double capacity)
    {
        while (capacity > kTaskEpsilon && !m_waiting.empty()) {
            Cohort &oldest = m_waiting.front();
            const double served = std::min(capacity, oldest.remaining);
            recordWait(now - oldest.time, served);
            capacity -= served;
            oldest.remaining -= served;
            if (oldest.remaining <= kTaskEpsilon)
                m_waiting.pop_front();
        }
    }

    void recordWait(qint64 seconds, double tasks)
    {
        m_waitSum += double(seconds) * tasks;
        m_waitedTasks += tasks;
        m_result.worstWaitSeconds = std::max(m_result.worstWaitSeconds, double(seconds));
    }

    double backlog() const
    {
        double total = 0.0;
        for (const Cohort &cohort : m_waiting)
            total += cohort.remaining;
        return total;
    }

    void decide(qint64 now)
    {
        const double waiting = backlog();
        const std::chrono::seconds at{now};
        const ScalingDecision decision =
            PolicyEngine::decide(m_tier, m_cooldowns.inputs(qint64(std::ceil(waiting - kTaskEpsilon)), m_replicas, at));
        m_cooldowns.record(decision, m_replicas, at);
        m_replicas = decision.target;
        m_result.times.append(now);
        m_result.replicas.append(m_replicas);
        m_result.backlog.append(waiting);
    }

    TierPolicy m_tier;
    double m_rate;
    int m_replicas;
    int m_tickSeconds;
    std::deque<Cohort> m_waiting;
    CooldownRecord m_cooldowns;
    double m_waitSum = 0.0;
    double m_waitedTasks = 0.0;
    TierSimulation m_result;
};

QStringList unconsumedQueues(const AutoscalePolicy &policy, const DepthTrace &trace)
{
    QSet<QString> consumed;
    for (const TierPolicy &tier : policy.tiers)
        consumed.unite(QSet<QString>(tier.queues.begin(), tier.queues.end()));
    QStringList notes;
    for (const QString &queue : trace.queues()) {
        if (!consumed.contains(queue))
            notes << QStringLiteral("queue '%1' in the trace belongs to no tier; ignored").arg(queue);
    }
    return notes;
}

// Tasks that joined the tier's queues since the previous tick (rises of the recorded depth).
qint64 arrivalsSince(const TierPolicy &tier, const DepthCursor &cursor, QHash<QString, qint64> &previous)
{
    qint64 arrivals = 0;
    for (const QString &queue : tier.queues) {
        const qint64 depth = cursor.depth(queue);
        arrivals += std::max<qint64>(0, depth - previous.value(queue, 0));
        previous.insert(queue, depth);
    }
    return arrivals;
}

QList<TierRun> startTiers(const AutoscalePolicy &policy, const WhatIfOptions &options, QStringList &notes)
{
    QList<TierRun> runs;
    for (const TierPolicy &tier : policy.tiers) {
        const double rate = options.tasksPerReplicaPerMinute.value(tier.name, 0.0);
        if (!(rate > 0.0)) {
            notes << QStringLiteral("tier '%1' has no service rate > 0 (tasks per replica per minute); not simulated")
                         .arg(tier.name);
            continue;
        }
        runs.append(TierRun(tier, rate, options.initialReplicas.value(tier.name, tier.minReplicas),
                            policy.pollIntervalSeconds));
    }
    return runs;
}

} // namespace

WhatIfResult run(const AutoscalePolicy &policy, const DepthTrace &trace, const WhatIfOptions &options)
{
    WhatIfResult result;
    if (policy.pollIntervalSeconds < 1) {
        result.notes << QStringLiteral("poll_interval_seconds is %1; it must be >= 1 to simulate")
                            .arg(policy.pollIntervalSeconds);
        return result;
    }
    result.notes << unconsumedQueues(policy, trace);
    QList<TierRun> runs = startTiers(policy, options, result.notes);

    DepthCursor cursor(trace.samples());
    QHash<QString, qint64> previousDepth;
    for (qint64 now = trace.start(); now <= trace.end(); now += policy.pollIntervalSeconds) {
        cursor.advanceTo(now);
        for (TierRun &run : runs)
            run.tick(now, arrivalsSince(run.tier(), cursor, previousDepth), now == trace.start());
    }
    const qint64 lastTick = trace.start()
                            + (trace.end() - trace.start()) / policy.pollIntervalSeconds * policy.pollIntervalSeconds;
    for (TierRun &run : runs)
        result.tiers.append(run.finish(lastTick));
    return result;
}

} // namespace e2i::WhatIfSimulator
