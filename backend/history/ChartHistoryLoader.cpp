#include "ChartHistoryLoader.h"

#include "HistoryStore.h"

#include <QRegularExpression>

namespace e2i {

bool ChartHistoryLoader::isChartSeries(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^(queue/.+/(depth|unacked)|tier/[^/]+/(replicas|queued)|service/[^/]+/latency_ms|redis/connected)$"));
    return pattern.match(name).hasMatch() && !name.contains(QStringLiteral("/priority/"));
}

RecordedSeries ChartHistoryLoader::load(const QString &file, qint64 fromMs, qint64 toMs, QString *error)
{
    RecordedSeries out;
    HistoryStore store;
    if (!store.openExisting(file)) {
        *error = store.errorString();
        return out;
    }
    for (const QString &name : store.seriesNames()) {
        if (!isChartSeries(name))
            continue;
        const std::vector<HistoryPoint> points = store.read(name, fromMs, toMs);
        std::vector<SeriesPoint> series;
        series.reserve(points.size());
        for (const HistoryPoint &p : points)
            series.push_back({p.timeMs, p.last});
        out.insert(name, std::move(series));
    }
    return out;
}

} // namespace e2i
