#pragma once
// Measures each tier's service rate (tasks one replica completes per minute) from the
// Celery workers' `processed` counters in the samples the console receives. Keeps one
// point per tier every kRecordEveryMs for kKeepMs, so recording every second is cheap
// and memory stays bounded.
#include <QHash>
#include <QList>
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
    // processed: no measurement rather than a rate of zero. Work is counted per
    // worker, between two points that both saw it: a worker that joins brings its
    // lifetime `processed` total, which is not work done in the window, and a
    // restarted worker's counter starts again from zero.
    std::optional<double> tasksPerReplicaPerMinute(const QString &tier, qint64 windowMs) const;

private:
    struct Point {
        qint64 timeMs = 0;
        QHash<QString, qint64> processedByWorker; // hostname -> its `processed` counter
        int replicas = 0;
    };
    static qint64 completedBetween(const Point &before, const Point &after);

    QHash<QString, std::deque<Point>> m_points;
};

} // namespace e2i
