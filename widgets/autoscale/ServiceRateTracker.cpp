#include "ServiceRateTracker.h"

#include "monitor/PlatformSample.h"

#include <algorithm>

namespace e2i {
namespace {
constexpr double kMsPerMinute = 60'000.0;
} // namespace

void ServiceRateTracker::record(const PlatformSample &sample)
{
    const qint64 now = sample.sampledAt.toMSecsSinceEpoch();
    for (const TierState &tier : sample.tiers) {
        std::deque<Point> &points = m_points[tier.name];
        if (!points.empty() && now - points.back().timeMs < kRecordEveryMs)
            continue;
        QHash<QString, qint64> processed;
        for (const WorkerInfo &worker : tier.workers)
            processed.insert(worker.hostname, worker.processed);
        points.push_back({now, processed, tier.replicas});
        while (now - points.front().timeMs > kKeepMs)
            points.pop_front();
    }
}

qint64 ServiceRateTracker::completedBetween(const Point &before, const Point &after)
{
    qint64 completed = 0;
    for (auto it = after.processedByWorker.cbegin(); it != after.processedByWorker.cend(); ++it) {
        const auto earlier = before.processedByWorker.constFind(it.key());
        if (earlier != before.processedByWorker.cend())
            completed += std::max<qint64>(0, it.value() - earlier.value());
    }
    return completed;
}

std::optional<double> ServiceRateTracker::tasksPerReplicaPerMinute(const QString &tier, qint64 windowMs) const
{
    const auto found = m_points.constFind(tier);
    if (found == m_points.constEnd() || found->size() < 2)
        return std::nullopt;
    const std::deque<Point> &points = *found;
    const qint64 from = points.back().timeMs - windowMs;
    auto first = std::lower_bound(points.begin(), points.end(), from,
                                  [](const Point &p, qint64 t) { return p.timeMs < t; });
    if (std::distance(first, points.end()) < 2)
        return std::nullopt;
    qint64 completed = 0;
    double replicaSum = 0.0;
    for (auto it = first; it != points.end(); ++it) {
        replicaSum += it->replicas;
        if (it != first)
            completed += completedBetween(*std::prev(it), *it);
    }
    const double meanReplicas = replicaSum / double(std::distance(first, points.end()));
    const double minutes = double(points.back().timeMs - first->timeMs) / kMsPerMinute;
    if (completed == 0 || meanReplicas <= 0.0 || minutes <= 0.0)
        return std::nullopt;
    return double(completed) / minutes / meanReplicas;
}

} // namespace e2i
