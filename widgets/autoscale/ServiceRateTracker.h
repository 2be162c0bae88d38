#pragma once
// Measures each tier's service rate (tasks one replica completes per minute) from the
// Celery workers' `processed` counters in the samples the console receives. Keeps one
// point per tier every kRecordEveryMs for kKeepMs, so recording every second is cheap
// and memory stays bounded.
#include <QHash>
#include <QString>

#include <deque>
#include <optional>

namespace e2i {

struct PlatformSample;

class ServiceRateTracker
{
public:
    static constexpr qint64 kRecordEveryMs = 10'000;
    static constexpr qint64 kKeepMs = 24 * 3600'000LL;

    void record(const PlatformSample &sample);

    // Tasks completed over the last `windowMs` / minutes elapsed / mean live replicas.
    // nullopt while fewer than two points exist, no replica ran, or nothing was
    // processed: no measurement rather than a rate of zero. A worker restart resets
    // its counter; only increases between points are counted.
    std::optional<double> tasksPerReplicaPerMinute(const QString &tier, qint64 windowMs) const;

private:
    struct Point {
        qint64 timeMs = 0;
        qint64 processed = 0; // summed over the tier's live workers
        int replicas = 0;
    };
    QHash<QString, std::deque<Point>> m_points;
};

} // namespace e2i
