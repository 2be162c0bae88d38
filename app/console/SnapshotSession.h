#pragma once
// Drives one off-screen snapshot: waits (bounded) for the monitor's first
// complete sample, lets the charts replot, renders, writes, and quits with
// 0 on success or 1 with a one-line reason on stderr. Writes nothing when it
// cannot sample.
#include "SnapshotOptions.h"

#include <QObject>

namespace e2i {

class DashboardWindow;
class PlatformMonitor;
struct PlatformSample;

class SnapshotSession : public QObject
{
    Q_OBJECT
public:
    SnapshotSession(SnapshotOptions options, PlatformMonitor *monitor, DashboardWindow *window, int deadlineMs,
                    QObject *parent = nullptr);

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
