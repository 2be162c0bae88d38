#pragma once
// Drives one off-screen snapshot: waits (bounded) for the monitor's first
// complete sample, lets the charts replot, renders, writes, and quits with
// 0 on success or 1 with a one-line reason on stderr. A platform whose Redis
// is unreachable is still rendered (services, cost, the recorded charts, Redis
// marked down): an incident is exactly when that snapshot is wanted. With
// --at, the recorded moment is rendered instead and the monitor is not used.
#include "SnapshotOptions.h"

#include "history/HistoryEvent.h"
#include "monitor/PlatformSample.h"

#include <QObject>

#include <memory>
#include <optional>

namespace e2i {

class DashboardWindow;
class MetricsStore;
class PlatformMonitor;

class SnapshotSession : public QObject
{
    Q_OBJECT
public:
    SnapshotSession(SnapshotOptions options, PlatformMonitor *monitor, DashboardWindow *window, int deadlineMs,
                    QObject *parent = nullptr);
    // Renders the moment loaded from the history (SnapshotOptions::at).
    void renderMoment(const std::optional<PlatformSample> &sample, std::shared_ptr<const MetricsStore> metrics,
                      const QList<HistoryEvent> &events, const QString &error);

private:
    void onSample(const PlatformSample &sample);
    void renderAndWrite();
    void finish(int code, const QString &message);

    SnapshotOptions m_options;
    PlatformMonitor *m_monitor;
    DashboardWindow *m_window;
    bool m_rendering = false;
};

} // namespace e2i
