#pragma once
// The recorder's own health as metric families: is it writing, when did it
// last write a sample, how many writes failed. A Prometheus that scrapes the
// recorder can then alert on the recorder itself (a full disk stops history
// long before anyone opens the console).
#include "MetricFamily.h"
#include "history/HistoryRecorder.h"

namespace e2i {

class RecorderMetrics
{
public:
    static QList<MetricFamily> families(const RecorderStatus &status);
};

} // namespace e2i
