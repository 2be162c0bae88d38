#include "TaskFlowMetrics.h"

#include "PrometheusExposition.h"

namespace e2i {

QList<MetricFamily> TaskFlowMetrics::families(const TaskFlowSnapshot &snapshot)
{
    MetricFamily events{QStringLiteral("e2i_task_events_total"),
                        QStringLiteral("Celery task events received since the recorder started."),
                        MetricType::Counter,
                        {}};
    events.add({}, double(snapshot.taskEvents));
    QList<MetricFamily> out{events};
    out += counters(snapshot.totals);
    out.append(histogram(QStringLiteral("e2i_task_runtime_seconds"),
                         QStringLiteral("Runtime of finished tasks (started to succeeded or failed)."),
                         snapshot.totals, &TaskTotals::runtime));
    out.append(histogram(QStringLiteral("e2i_task_wait_seconds"),
                         QStringLiteral("Time tasks waited in their queue (sent, else received, to started)."),
                         snapshot.totals, &TaskTotals::wait));
    return out;
}

QList<MetricFamily> TaskFlowMetrics::counters(const QList<TaskTotals> &totals)
{
    struct Counter {
        const char *event;
        qint64 TaskCounts::*member;
    };
    static constexpr Counter kCounters[] = {
        {"sent", &TaskCounts::sent},           {"received", &TaskCounts::received},
        {"started", &TaskCounts::started},     {"succeeded", &TaskCounts::succeeded},
        {"failed", &TaskCounts::failed},       {"retried", &TaskCounts::retried},
        {"rejected", &TaskCounts::rejected},   {"revoked", &TaskCounts::revoked},
    };
    QList<MetricFamily> out;
    for (const Counter &counter : kCounters) {
        const QString event = QLatin1String(counter.event);
        MetricFamily family{QStringLiteral("e2i_task_%1_total").arg(event),
                            QStringLiteral("Celery task-%1 events per task name, queue and tier.").arg(event),
                            MetricType::Counter,
                            {}};
        for (const TaskTotals &t : totals)
            family.add(labelsOf(t), double(t.counts.*counter.member));
        out.append(family);
    }
    return out;
}

// Buckets are cumulative (`le` = less than or equal), the last is +Inf and
// equals _count, as the exposition format requires.
MetricFamily TaskFlowMetrics::histogram(const QString &name, const QString &help, const QList<TaskTotals> &totals,
                                        const CumulativeHistogram TaskTotals::*member)
{
    MetricFamily family{name, help, MetricType::Histogram, {}};
    for (const TaskTotals &t : totals) {
        const CumulativeHistogram &h = t.*member;
        if (h.count() == 0)
            continue; // no observation yet: no histogram rather than an empty one
        const MetricLabels labels = labelsOf(t);
        for (std::size_t i = 0; i < CumulativeHistogram::kBounds.size(); ++i)
            family.add(labels + MetricLabels{{QStringLiteral("le"),
                                              PrometheusExposition::formatValue(CumulativeHistogram::kBounds[i])}},
                       double(h.cumulativeCount(i)), QStringLiteral("_bucket"));
        family.add(labels + MetricLabels{{QStringLiteral("le"), QStringLiteral("+Inf")}}, double(h.count()),
                   QStringLiteral("_bucket"));
        family.add(labels, h.sum(), QStringLiteral("_sum"));
        family.add(labels, double(h.count()), QStringLiteral("_count"));
    }
    return family;
}

MetricLabels TaskFlowMetrics::labelsOf(const TaskTotals &totals)
{
    return {{QStringLiteral("task"), totals.name},
            {QStringLiteral("queue"), totals.queue},
            {QStringLiteral("tier"), totals.tier}};
}

} // namespace e2i
