#pragma once
// The console's own queue-depth history as a what-if trace. capture() copies the
// window out of the MetricsStore on the GUI thread (the store is only ever touched
// there); toTrace() turns the copy into a DepthTrace on a worker thread.
#include "core/Diagnostic.h"
#include "monitor/TimeSeries.h"
#include "policy/DepthTrace.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <optional>

namespace e2i {

class MetricsStore;

class DepthHistory
{
public:
    static DepthHistory capture(const MetricsStore &store, const QStringList &queues, qint64 fromMs, qint64 toMs);
    // How a history window of `seconds` is named in the tab: "last 1 h".
    static QString windowLabel(int seconds);

    // nullopt with a diagnostic when no queue has any point in the window.
    std::optional<DepthTrace> toTrace(Diagnostics *diagnostics) const;

    qint64 fromMs() const { return m_fromMs; }
    qint64 toMs() const { return m_toMs; }

private:
    QList<DepthSample> toSamples() const;

    // queue -> its depth changes in the window, the value in force at fromMs first
    QHash<QString, QList<SeriesPoint>> m_points;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
};

} // namespace e2i
