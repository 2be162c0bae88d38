#include "RecorderMetrics.h"

namespace e2i {

QList<MetricFamily> RecorderMetrics::families(const RecorderStatus &status)
{
    MetricFamily up{QStringLiteral("e2i_recorder_up"),
                    QStringLiteral("1 while the history file is open and writes succeed, 0 otherwise."),
                    MetricType::Gauge,
                    {}};
    up.add({}, status.open && status.problem.isEmpty() ? 1.0 : 0.0);
    MetricFamily lastWrite{QStringLiteral("e2i_recorder_last_write_timestamp_seconds"),
                           QStringLiteral("Time of the last sample written to the history file, Unix time."),
                           MetricType::Gauge,
                           {}};
    if (status.lastWrittenMs > 0) // none written yet: absent, not 1970
        lastWrite.add({}, double(status.lastWrittenMs) / 1000.0);
    MetricFamily failures{QStringLiteral("e2i_recorder_write_failures_total"),
                          QStringLiteral("Samples or events the recorder failed to write since it started."),
                          MetricType::Counter,
                          {}};
    failures.add({}, double(status.writeFailures));
    return {up, lastWrite, failures};
}

} // namespace e2i
