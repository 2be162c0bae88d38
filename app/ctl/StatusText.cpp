#include "StatusText.h"

#include "monitor/SampleJson.h"

namespace e2i {
namespace {

QString column(const QString &text, int width)
{
    return text.leftJustified(width, u' ', true) + u' ';
}

QString servicesSection(const PlatformSample &sample)
{
    QString out = QStringLiteral("\nSERVICES\n") + column(QStringLiteral("name"), 16) + column(QStringLiteral("status"), 9)
                + column(QStringLiteral("http"), 5) + column(QStringLiteral("latency"), 10) + QStringLiteral("detail\n");
    for (const auto &s : sample.services) {
        out += column(s.name, 16) + column(healthStatusName(s.status), 9)
             + column(s.httpStatus ? QString::number(s.httpStatus) : QStringLiteral("-"), 5)
             + column(s.latencyMs >= 0 ? QString::number(s.latencyMs, 'f', 1) + QStringLiteral(" ms") : QStringLiteral("-"), 10)
             + s.detail + u'\n';
    }
    return out;
}

QString queuesSection(const PlatformSample &sample)
{
    QString out = QStringLiteral("\nQUEUES\n") + column(QStringLiteral("name"), 12) + column(QStringLiteral("tier"), 8)
                + column(QStringLiteral("depth"), 8) + QStringLiteral("unacked\n");
    for (const auto &q : sample.queues) {
        out += column(q.name, 12) + column(q.tier, 8) + column(QString::number(q.depth), 8) + QString::number(q.unacked);
        out += q.error.isEmpty() ? QStringLiteral("\n") : QStringLiteral("   ! ") + q.error + u'\n';
    }
    return out;
}

// Unlike column(), never cuts the text: "unknown (last 12 at 14:02:11Z)" must stay whole.
QString cell(const QString &text, int width)
{
    return text.leftJustified(width) + u' ';
}

// A count Redis could not give: "unknown (last 12 at 14:02:11Z)", or just
// "unknown" when it was never measured.
QString unknownCount(qint64 last, const QDateTime &at)
{
    if (!at.isValid())
        return QStringLiteral("unknown");
    return QStringLiteral("unknown (last %1 at %2)").arg(last).arg(at.toUTC().toString(QStringLiteral("HH:mm:ss'Z'")));
}

QString tiersSection(const PlatformSample &sample)
{
    QString out = QStringLiteral("\nTIERS\n") + column(QStringLiteral("name"), 8) + column(QStringLiteral("replicas"), 9)
                + column(QStringLiteral("min-max"), 8) + column(QStringLiteral("queued"), 8) + QStringLiteral("workers\n");
    for (const auto &t : sample.tiers) {
        QStringList workers;
        for (const auto &w : t.workers)
            workers.append(QStringLiteral("%1 (active %2, processed %3)").arg(w.hostname).arg(w.active).arg(w.processed));
        const QString replicas = t.countsKnown ? QString::number(t.replicas) : unknownCount(t.lastKnown.replicas, t.lastKnown.at);
        const QString queued = t.countsKnown ? QString::number(t.queued) : unknownCount(t.lastKnown.queued, t.lastKnown.at);
        out += column(t.name, 8) + cell(replicas, 9)
             + column(t.discovered ? QStringLiteral("none") : QStringLiteral("%1-%2").arg(t.minReplicas).arg(t.maxReplicas), 8)
             + cell(queued, 8)
             + workers.join(QStringLiteral(", ")) + u'\n';
    }
    return out;
}

QString attentionSection(const PlatformSample &sample)
{
    if (sample.attention.isEmpty())
        return QStringLiteral("\nATTENTION\nnone\n");
    QString out = QStringLiteral("\nATTENTION\n") + column(QStringLiteral("kind"), 15) + column(QStringLiteral("subject"), 24)
                + column(QStringLiteral("since"), 21) + QStringLiteral("detail\n");
    for (const auto &f : sample.attention)
        out += column(f.kind, 15) + cell(f.subject, 24) + column(isoUtc(f.since), 21) + f.detail + u'\n';
    return out;
}

} // namespace

QString StatusText::format(const PlatformSample &sample)
{
    QString out = QStringLiteral("environment %1   sampled %2   redis %3 (%4)\n")
                      .arg(sample.environment, isoUtc(sample.sampledAt), sample.redis.url,
                           sample.redis.connected ? QStringLiteral("connected")
                                                  : QStringLiteral("disconnected since %1: %2")
                                                        .arg(isoUtc(sample.redis.disconnectedSince), sample.redis.lastError));
    return out + servicesSection(sample) + queuesSection(sample) + tiersSection(sample) + attentionSection(sample);
}

} // namespace e2i
