#pragma once
// Named time series for every queue, tier and service, filled from samples.
// Series names: "queue/<name>/depth", "queue/<name>/unacked",
// "tier/<name>/replicas", "tier/<name>/queued", "service/<name>/latency_ms",
// "redis/connected" (1 or 0 each sample: the charts mark outages from it).
#include "TimeSeries.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace e2i {

struct PlatformSample;

class MetricsStore
{
public:
    explicit MetricsStore(std::size_t pointsPerSeries = 86400);

    void record(const PlatformSample &sample);
    void append(const QString &series, qint64 timeMs, double value);
    // Recorded history (time-sorted) before what has been sampled live.
    void prependHistory(const QString &series, const std::vector<SeriesPoint> &older);

    const TimeSeries *series(const QString &name) const;
    // True when the series' latest value is above its value `overMs` earlier.
    bool grew(const QString &name, qint64 nowMs, qint64 overMs) const;
    QStringList names() const { return m_series.keys(); }
    std::size_t pointsPerSeries() const { return m_pointsPerSeries; }

    static QString queueDepthSeries(const QString &queue);
    static QString queueUnackedSeries(const QString &queue);
    static QString tierReplicasSeries(const QString &tier);
    static QString tierQueuedSeries(const QString &tier);
    static QString serviceLatencySeries(const QString &service);
    static QString redisConnectedSeries() { return QStringLiteral("redis/connected"); }

private:
    std::size_t m_pointsPerSeries;
    QHash<QString, TimeSeries> m_series;
};

} // namespace e2i
