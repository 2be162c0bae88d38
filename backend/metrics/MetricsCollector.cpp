#include "MetricsCollector.h"

#include "PlatformMetrics.h"
#include "RecorderMetrics.h"
#include "TaskFlowMetrics.h"

namespace e2i {

QList<MetricFamily> MetricsCollector::collect(const MetricsInputs &inputs,
                                              const QMap<QString, QList<MetricFamily>> &extra)
{
    QList<MetricFamily> families;
    if (inputs.sample)
        families += PlatformMetrics::families(*inputs.sample, inputs.complete, inputs.costUsdPerHour);
    if (inputs.flow)
        families += TaskFlowMetrics::families(*inputs.flow);
    if (inputs.recorder)
        families += RecorderMetrics::families(*inputs.recorder);
    for (const QList<MetricFamily> &more : extra)
        families += more;
    return families;
}

} // namespace e2i
