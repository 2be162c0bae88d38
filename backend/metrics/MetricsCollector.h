#pragma once
// All metric families of the console's /metrics from what the endpoint last
// received, plus the families other producers hand in by source name (see
// MetricsEndpoint::setFamilies: the alert states go there).
#include "MetricFamily.h"
#include "MetricsInputs.h"

#include <QMap>

namespace e2i {

class MetricsCollector
{
public:
    static QList<MetricFamily> collect(const MetricsInputs &inputs,
                                       const QMap<QString, QList<MetricFamily>> &extra = {});
};

} // namespace e2i
