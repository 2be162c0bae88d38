#include "SampleJson.h"

#include <QJsonArray>

#include <cmath>

namespace e2i {
namespace {

QJsonValue nullIfNegative(double value, int decimals)
{
    if (value < 0)
        return QJsonValue::Null;
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

QJsonObject serviceToJson(const ServiceHealth &s)
{
    return {
        {QStringLiteral("name"), s.name},
        {QStringLiteral("status"), healthStatusName(s.status)},
        {QStringLiteral("http_status"), s.httpStatus > 0 ? QJsonValue(s.httpStatus) : QJsonValue::Null},
        {QStringLiteral("latency_ms"), nullIfNegative(s.latencyMs, 2)},
        {QStringLiteral("detail"), s.detail},
        {QStringLiteral("label"), s.label.isEmpty() ? QJsonValue::Null : QJsonValue(s.label)},
        {QStringLiteral("probe"), s.target},
        {QStringLiteral("last_change"), isoUtc(s.lastChange)},
    };
}

QJsonObject queueToJson(const QueueDepth &q)
{
    QJsonObject priorities;
    for (auto it = q.byPriority.cbegin(); it != q.byPriority.cend(); ++it)
        priorities.insert(QString::number(it.key()), it.value());
    QJsonObject o{
        {QStringLiteral("name"), q.name},
        {QStringLiteral("tier"), q.tier},
        {QStringLiteral("depth"), q.depth},
        {QStringLiteral("unacked"), q.unacked},
        {QStringLiteral("by_priority"), priorities},
    };
    if (!q.error.isEmpty())
        o.insert(QStringLiteral("error"), q.error);
    return o;
}

QJsonObject workerToJson(const WorkerInfo &w, const QDateTime &at)
{
    QJsonArray load;
    for (double l : w.loadAverage)
        load.append(l);
    return {
        {QStringLiteral("hostname"), w.hostname},
        {QStringLiteral("active"), w.active},
        {QStringLiteral("processed"), w.processed},
        {QStringLiteral("loadavg"), load},
        {QStringLiteral("heartbeat_age_s"), nullIfNegative(double(w.lastHeartbeat.msecsTo(at)) / 1000.0, 1)},
    };
}

QJsonValue lastKnownToJson(const TierCounts &counts)
{
    if (!counts.at.isValid())
        return QJsonValue::Null;
    return QJsonObject{
        {QStringLiteral("replicas"), counts.replicas},
        {QStringLiteral("queued"), counts.queued},
        {QStringLiteral("unacked"), counts.unacked},
        {QStringLiteral("at"), isoUtc(counts.at)},
    };
}

QJsonObject tierToJson(const TierState &t, const QDateTime &at)
{
    QJsonArray workers;
    for (const auto &w : t.workers)
        workers.append(workerToJson(w, at));
    // While unknown, a count is null (not 0, which would read as "idle") and
    // last_known says what was last measured and when.
    const auto count = [&t](qint64 value) { return t.countsKnown ? QJsonValue(value) : QJsonValue(QJsonValue::Null); };
    QJsonObject o{
        {QStringLiteral("name"), t.name},
        {QStringLiteral("service"), t.service},
        {QStringLiteral("replicas"), count(t.replicas)},
        // A discovered tier has no autoscale policy, so no bounds.
        {QStringLiteral("min_replicas"), t.discovered ? QJsonValue(QJsonValue::Null) : QJsonValue(t.minReplicas)},
        {QStringLiteral("max_replicas"), t.discovered ? QJsonValue(QJsonValue::Null) : QJsonValue(t.maxReplicas)},
        {QStringLiteral("discovered"), t.discovered},
        {QStringLiteral("queues"), QJsonArray::fromStringList(t.queues)},
        {QStringLiteral("queued"), count(t.queued)},
        {QStringLiteral("unacked"), count(t.unacked)},
        {QStringLiteral("workers"), workers},
    };
    if (!t.countsKnown)
        o.insert(QStringLiteral("last_known"), lastKnownToJson(t.lastKnown));
    return o;
}

QJsonObject findingToJson(const FlowFinding &f)
{
    return {
        {QStringLiteral("kind"), f.kind},
        {QStringLiteral("subject"), f.subject},
        {QStringLiteral("since"), isoUtc(f.since)},
        {QStringLiteral("detail"), f.detail},
    };
}

} // namespace

QString isoUtc(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

QJsonObject sampleToJson(const PlatformSample &sample)
{
    QJsonObject redis{
        {QStringLiteral("url"), sample.redis.url},
        {QStringLiteral("connected"), sample.redis.connected},
    };
    if (!sample.redis.connected) {
        redis.insert(QStringLiteral("disconnected_since"), isoUtc(sample.redis.disconnectedSince));
        redis.insert(QStringLiteral("error"), sample.redis.lastError);
    }
    QJsonArray services, queues, tiers, attention;
    for (const auto &f : sample.attention)
        attention.append(findingToJson(f));
    for (const auto &s : sample.services)
        services.append(serviceToJson(s));
    for (const auto &q : sample.queues)
        queues.append(queueToJson(q));
    for (const auto &t : sample.tiers)
        tiers.append(tierToJson(t, sample.sampledAt));
    return {
        {QStringLiteral("environment"), sample.environment},
        {QStringLiteral("sampled_at"), isoUtc(sample.sampledAt)},
        {QStringLiteral("redis"), redis},
        {QStringLiteral("events_connected"), sample.eventsConnected},
        {QStringLiteral("services"), services},
        {QStringLiteral("queues"), queues},
        {QStringLiteral("tiers"), tiers},
        {QStringLiteral("attention"), attention},
    };
}

} // namespace e2i
