#include "RecordedWorkload.h"

#include "HistoryStore.h"
#include "SampleSeries.h"
#include "monitor/MetricsStore.h"

#include <QDateTime>
#include <QRegularExpression>

namespace e2i {
namespace {

QString utcMinute(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

Diagnostic problem(const QString &file, const QString &message)
{
    Diagnostic d;
    d.file = file;
    d.message = message;
    return d;
}

// One queue's depths in the range, the value in force at fromMs first.
void appendQueue(HistoryStore &store, const QString &series, const QString &queue, qint64 fromMs, qint64 toMs,
                 QList<DepthSample> &samples)
{
    if (const auto before = store.valueAt(series, fromMs))
        samples.append({fromMs / 1000, queue, qint64(before->last)});
    for (const HistoryPoint &p : store.read(series, fromMs, toMs))
        samples.append({p.timeMs / 1000, queue, qint64(p.last)});
}

} // namespace

QString RecordedWorkload::rangeName(qint64 fromMs, qint64 toMs)
{
    return QObject::tr("recorded history %1 – %2 UTC").arg(utcMinute(fromMs), utcMinute(toMs));
}

std::optional<DepthTrace> RecordedWorkload::depthTrace(HistoryStore &store, qint64 fromMs, qint64 toMs,
                                                       Diagnostics *diagnostics)
{
    static const QRegularExpression depth(QStringLiteral("^queue/(.+)/depth$"));
    QList<DepthSample> samples;
    for (const QString &name : store.seriesNames()) {
        const auto match = depth.match(name);
        if (match.hasMatch())
            appendQueue(store, name, match.captured(1), fromMs, toMs, samples);
    }
    if (samples.isEmpty()) {
        *diagnostics << problem(rangeName(fromMs, toMs), QObject::tr("no queue depth was recorded in this range"));
        return std::nullopt;
    }
    return DepthTrace::fromSamples(std::move(samples));
}

std::optional<double> RecordedWorkload::tasksPerReplicaPerMinute(HistoryStore &store, const QString &tier, qint64 fromMs,
                                                                 qint64 toMs)
{
    const std::vector<HistoryPoint> processed = store.read(SampleSeries::tierProcessedSeries(tier), fromMs, toMs);
    const std::vector<HistoryPoint> replicas = store.read(MetricsStore::tierReplicasSeries(tier), fromMs, toMs);
    // The replica count in force at each processed point (both are written per sample).
    auto replicasAt = [&replicas, it = replicas.begin()](qint64 timeMs) mutable -> double {
        while (it != replicas.end() && std::next(it) != replicas.end() && std::next(it)->timeMs <= timeMs)
            ++it;
        return it != replicas.end() && it->timeMs <= timeMs ? it->last : -1.0;
    };
    double tasks = 0.0;
    double replicaMinutes = 0.0;
    double previousReplicas = processed.empty() ? -1.0 : replicasAt(processed.front().timeMs);
    for (std::size_t i = 1; i < processed.size(); ++i) {
        const double nowReplicas = replicasAt(processed[i].timeMs);
        const double done = processed[i].last - processed[i - 1].last;
        if (nowReplicas > 0 && nowReplicas == previousReplicas && done >= 0) {
            tasks += done;
            replicaMinutes += nowReplicas * double(processed[i].timeMs - processed[i - 1].timeMs) / 60'000.0;
        }
        previousReplicas = nowReplicas;
    }
    if (replicaMinutes <= 0.0 || tasks <= 0.0)
        return std::nullopt; // nothing measured: no rate rather than a rate of zero
    return tasks / replicaMinutes;
}

RecordedWorkload::Result RecordedWorkload::read(const QString &historyFile, const QStringList &tiers, qint64 fromMs,
                                                qint64 toMs)
{
    Result result;
    HistoryStore store;
    if (!store.openExisting(historyFile)) {
        result.diagnostics << problem(historyFile, store.errorString());
        return result;
    }
    result.trace = depthTrace(store, fromMs, toMs, &result.diagnostics);
    for (const QString &tier : tiers)
        if (const auto rate = tasksPerReplicaPerMinute(store, tier, fromMs, toMs))
            result.ratesPerReplicaPerMinute.insert(tier, *rate);
    return result;
}

} // namespace e2i
