#include "FlowDetector.h"

namespace e2i {
namespace {

QString hhmmss(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("HH:mm:ss'Z'"));
}

QString sinceKey(const FlowFinding &f)
{
    return f.kind + u'\n' + f.subject;
}

} // namespace

QList<FlowFinding> FlowDetector::evaluate(const FlowInputs &in)
{
    QList<FlowFinding> out;
    // Unknown is not zero: while Redis cannot be read, queue and worker findings
    // would be judged from zeros; only the task-event ones are kept.
    if (in.countsKnown) {
        trackProgress(in);
        noConsumer(in, out);
        stalled(in, out);
        tierLimits(in, out);
        workerLost(in, out);
    }
    failing(in, out);
    stampSince(out, in.now);
    return out;
}

// A live worker consumes what it answered to active_queues; one that did not
// answer (or joined after the last question) is assumed to consume its tier's
// queues from the compose/autoscale files, and the detail says so.
void FlowDetector::noConsumer(const FlowInputs &in, QList<FlowFinding> &out) const
{
    bool guessed = false;
    QSet<QString> consumed;
    for (const auto &tier : in.tiers) {
        for (const auto &w : tier.workers) {
            const auto answered = in.consumers.byWorker.constFind(w.hostname);
            const QStringList &queues = answered != in.consumers.byWorker.cend() ? answered.value() : tier.queues;
            guessed = guessed || answered == in.consumers.byWorker.cend();
            for (const auto &q : queues)
                consumed.insert(q);
        }
    }
    const QString source = guessed ? QStringLiteral("from the compose/autoscale mapping: some workers did not answer active_queues")
                                   : QStringLiteral("from the workers' active_queues");
    for (const auto &q : in.queues) {
        if (q.depth > 0 && !consumed.contains(q.name))
            out.append({FlowFindingKinds::NoConsumer, q.name, {},
                        QStringLiteral("%1 queued, no live worker consumes it (%2)").arg(q.depth).arg(source)});
    }
}

void FlowDetector::trackProgress(const FlowInputs &in)
{
    QSet<QString> live;
    for (const auto &tier : in.tiers) {
        for (const auto &w : tier.workers) {
            live.insert(w.hostname);
            auto it = m_progress.find(w.hostname);
            if (it == m_progress.end() || it->processed != w.processed)
                m_progress.insert(w.hostname, {w.processed, in.now});
        }
        if (tier.queued + tier.unacked > 0)
            m_workSince.insert(tier.name, m_workSince.value(tier.name, in.now));
        else
            m_workSince.remove(tier.name);
    }
    for (auto it = m_progress.begin(); it != m_progress.end();)
        it = live.contains(it.key()) ? std::next(it) : m_progress.erase(it);
}

// Stalled: work waiting and no worker of the tier has moved its `processed`
// counter for stallSeconds (counted from when the work appeared, so a tier
// idle for an hour is not stalled the moment work arrives); or more tasks
// active than the tier's workers can run.
void FlowDetector::stalled(const FlowInputs &in, QList<FlowFinding> &out)
{
    for (const auto &tier : in.tiers) {
        if (tier.workers.isEmpty() || !m_workSince.contains(tier.name))
            continue;
        QDateTime lastMove;
        int active = 0;
        for (const auto &w : tier.workers) {
            lastMove = qMax(lastMove, m_progress.value(w.hostname).movedAt);
            active += w.active;
        }
        const QDateTime from = qMax(lastMove, m_workSince.value(tier.name));
        const QDateTime stalledAt = from.addSecs(m_settings.stallSeconds);
        const int capacity = in.concurrency.value(tier.name) * int(tier.workers.size());
        const qint64 work = tier.queued + tier.unacked;
        if (in.now >= stalledAt) {
            out.append({FlowFindingKinds::Stalled, tier.name, stalledAt,
                        QStringLiteral("%1 waiting, processed unchanged since %2 on %3 live worker(s)")
                            .arg(work).arg(hhmmss(lastMove)).arg(tier.workers.size())});
        } else if (capacity > 0 && active > capacity) {
            out.append({FlowFindingKinds::Stalled, tier.name, {},
                        QStringLiteral("%1 active exceeds concurrency %2 on %3 live worker(s), %4 waiting")
                            .arg(active).arg(capacity).arg(tier.workers.size()).arg(work)});
        }
    }
}

void FlowDetector::failing(const FlowInputs &in, QList<FlowFinding> &out) const
{
    for (auto it = in.failingWindow.cbegin(); it != in.failingWindow.cend(); ++it) {
        const qint64 finished = it->finished();
        if (finished < m_settings.failingMinTasks || finished == 0)
            continue;
        const double rate = double(it->failed) / double(finished);
        if (rate > m_settings.failingRate)
            out.append({FlowFindingKinds::Failing, it.key(), {},
                        QStringLiteral("%1 of %2 failed (%3 %) in the last %4 min, %5 retried")
                            .arg(it->failed).arg(finished).arg(rate * 100.0, 0, 'f', 0)
                            .arg(m_settings.failingWindowMinutes).arg(it->retried)});
    }
}

void FlowDetector::tierLimits(const FlowInputs &in, QList<FlowFinding> &out) const
{
    for (const auto &tier : in.tiers) {
        if (tier.replicas < tier.minReplicas)
            out.append({FlowFindingKinds::BelowMin, tier.name, {},
                        QStringLiteral("%1 live worker(s), min %2").arg(tier.replicas).arg(tier.minReplicas)});
        if (tier.maxReplicas > 0 && tier.replicas >= tier.maxReplicas && in.growingTiers.contains(tier.name))
            out.append({FlowFindingKinds::AtMaxGrowing, tier.name, {},
                        QStringLiteral("%1 of max %2 worker(s), %3 queued and growing")
                            .arg(tier.replicas).arg(tier.maxReplicas).arg(tier.queued)});
    }
}

void FlowDetector::workerLost(const FlowInputs &in, QList<FlowFinding> &out) const
{
    for (const auto &w : in.lostWorkers)
        out.append({FlowFindingKinds::WorkerLost, w.hostname, w.lastHeartbeat,
                    QStringLiteral("%1: last heartbeat %2, no worker-offline (killed or cut off, not a clean shutdown)")
                        .arg(w.tier.isEmpty() ? QStringLiteral("no tier") : w.tier, hhmmss(w.lastHeartbeat))});
}

// A finding that brings its own `since` keeps it; others are stamped with the
// first sample that showed them. Keys not seen this time are forgotten, so a
// finding that clears and returns starts a new `since`.
void FlowDetector::stampSince(QList<FlowFinding> &findings, const QDateTime &now)
{
    QHash<QString, QDateTime> seen;
    for (auto &f : findings) {
        const QString key = sinceKey(f);
        if (!f.since.isValid())
            f.since = m_since.value(key, now);
        seen.insert(key, f.since);
    }
    m_since = seen;
}

} // namespace e2i
