#pragma once
// The metric families of the task flow (flow/TaskFlow): per (task, queue, tier)
// counters of Celery's task events and histograms of runtime and wait, all
// since this process started listening (Prometheus' rate() and
// histogram_quantile() make windows of them; a restart is a counter reset,
// which those functions handle). A series TaskFlow evicts (more than
// FlowSettings::maxTaskKeys) disappears from the scrape.
#include "MetricFamily.h"
#include "flow/TaskFlowSnapshot.h"

namespace e2i {

class TaskFlowMetrics
{
public:
    static QList<MetricFamily> families(const TaskFlowSnapshot &snapshot);

private:
    static QList<MetricFamily> counters(const QList<TaskTotals> &totals);
    static MetricFamily histogram(const QString &name, const QString &help, const QList<TaskTotals> &totals,
                                  const CumulativeHistogram TaskTotals::*member);
    static MetricLabels labelsOf(const TaskTotals &totals);
};

} // namespace e2i
