#include "DepthHistory.h"

#include "monitor/MetricsStore.h"

#include <QDateTime>

namespace e2i {

QString DepthHistory::windowLabel(int seconds)
{
    return QObject::tr("last %1 h").arg(seconds / 3600);
}

DepthHistory DepthHistory::capture(const MetricsStore &store, const QStringList &queues, qint64 fromMs, qint64 toMs)
{
    DepthHistory history;
    history.m_fromMs = fromMs;
    history.m_toMs = toMs;
    for (const QString &queue : queues) {
        const TimeSeries *series = store.series(MetricsStore::queueDepthSeries(queue));
        if (!series || series->isEmpty())
            continue;
        QList<SeriesPoint> &points = history.m_points[queue];
        // The depth in force when the window opens is the replay's initial backlog.
        if (double before = 0.0; series->valueAt(fromMs, &before))
            points.append({fromMs, before});
        // The replay reads the depth in force at each tick, so only changes are kept
        // (queues sit still most of the time), plus the last point, which marks how
        // far the history reaches.
        std::size_t i = series->lowerBound(fromMs);
        for (; i < series->size() && series->at(i).timeMs <= toMs; ++i) {
            if (points.isEmpty() || series->at(i).value != points.last().value)
                points.append(series->at(i));
        }
        if (i > 0 && series->at(i - 1).timeMs >= fromMs && points.last().timeMs != series->at(i - 1).timeMs)
            points.append(series->at(i - 1));
        if (points.isEmpty())
            history.m_points.remove(queue);
    }
    return history;
}

QList<DepthSample> DepthHistory::toSamples() const
{
    QList<DepthSample> samples;
    for (auto it = m_points.constBegin(); it != m_points.constEnd(); ++it) {
        const QList<SeriesPoint> &points = it.value();
        for (qsizetype i = 0; i < points.size(); ++i) {
            // A trace has whole seconds; the last depth within a second stands for it.
            const qint64 second = points[i].timeMs / 1000;
            if (i + 1 < points.size() && points[i + 1].timeMs / 1000 == second)
                continue;
            samples.append({second, it.key(), qint64(points[i].value)});
        }
    }
    return samples;
}

std::optional<DepthTrace> DepthHistory::toTrace(Diagnostics *diagnostics) const
{
    const QString name = QStringLiteral("console history %1 – %2")
                             .arg(QDateTime::fromMSecsSinceEpoch(m_fromMs, Qt::UTC).toString(Qt::ISODate),
                                  QDateTime::fromMSecsSinceEpoch(m_toMs, Qt::UTC).toString(Qt::ISODate));
    if (m_points.isEmpty()) {
        Diagnostic d;
        d.file = name;
        d.message = QStringLiteral("no queue-depth history in this window yet: the console records it while it runs");
        *diagnostics << d;
        return std::nullopt;
    }
    return DepthTrace::fromSamples(toSamples());
}

} // namespace e2i
