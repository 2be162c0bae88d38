#pragma once
// Reads back, from a history file, the series the live view keeps in its
// MetricsStore (queue depth and unacked, tier replicas and queued, service
// latency, Redis connected) over a window, so a console opened in the morning
// shows the night. Reads the disk: run it off the GUI thread.
#include "monitor/TimeSeries.h"

#include <QHash>
#include <QString>

#include <vector>

namespace e2i {

using RecordedSeries = QHash<QString, std::vector<SeriesPoint>>;

class ChartHistoryLoader
{
public:
    // Empty (and `error` set) when there is no readable history.
    static RecordedSeries load(const QString &file, qint64 fromMs, qint64 toMs, QString *error);
    // True for the series names MetricsStore keeps.
    static bool isChartSeries(const QString &name);
};

} // namespace e2i
