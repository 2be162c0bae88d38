#pragma once
// Queue depth of one worker tier over a time window: one line per queue, the
// tier's total as a line over a shaded area, and the autoscaler's scale-up and
// scale-down levels as dashed horizontal lines against that total.
//
// Lines rather than stacked areas: an operator asks "which queue is backing
// up?", and a stacked band's height is hard to read; the total the autoscaler
// compares with its thresholds is drawn once, as the area behind the lines.
//
// updateFrom() only records what to draw; the chart replots at most once per
// kReplotDelayMs, and not at all while hidden, so ingest never waits on paint.
//
// The window's columns are fixed in time (PixelColumnReducer::aligned): the
// time axis moves on a whole pixel column at a time and ends at most one column
// after the newest sample, so a new sample redraws only the newest column.
// QtCharts draws the axes, grid, title, legend and the dashed levels; the shade,
// the total and the queue lines are drawn by a QueueLinesLayer over its plot
// area (why: QueueLinesLayer.h). Their series stay in the chart without points,
// as the legend's entries and the carriers of the theme's pens and brush.
//
// A double-click on the plot area asks for the recorded moment under the
// pointer (momentRequested): the dashboard replays it (time travel).
#include "monitor/PlatformSample.h"
#include "platform/PlatformProfile.h"
#include "policy/PolicyEngine.h"
#include "EventMarkersLayer.h"
#include "ReducedSeries.h"
#include "UtcTimeTicks.h"

#include <QHash>
#include <QList>
#include <QPointF>
#include <QTimer>
#include <QWidget>

#include <optional>

QT_BEGIN_NAMESPACE
class QAreaSeries;
class QCategoryAxis;
class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace e2i {

class MetricsStore;
class PixelColumnReducer;
class QueueLinesLayer;

class TierQueueChart : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kReplotDelayMs = 40;
    static constexpr int kDefaultWindowSeconds = 3600;

    explicit TierQueueChart(QWidget *parent = nullptr);
    ~TierQueueChart() override;

    void setTier(const TierPolicy &policy);
    // The store is read at the next replot, so it must outlive that replot
    // (the console's store lives as long as its PlatformMonitor).
    void updateFrom(const MetricsStore &store, const TierState &state, qint64 nowMs);
    void setWindowSeconds(int seconds);
    int windowSeconds() const { return m_windowSeconds; }
    // Timeline events to mark on the time axis (outages come from the store).
    void setEventMarkers(QList<EventMarkersLayer::Marker> markers);
    EventMarkersLayer *markersLayer() const { return m_markers; }
    void setDarkTheme(bool dark);
    bool isDarkTheme() const { return m_dark; }
    // Replots at once, visible or not (snapshots render hidden widgets).
    void replotNow();
    bool isReplotPending() const { return m_replotTimer.isActive(); }

    const TierPolicy &tier() const { return m_policy; }
    QChart *chart() const { return m_chart; }
    QLineSeries *queueSeries(const QString &queue) const { return m_queueLines.value(queue); }
    QLineSeries *totalSeries() const { return m_totalLine; }
    QLineSeries *scaleUpLine() const { return m_scaleUpLine; }
    QLineSeries *scaleDownLine() const { return m_scaleDownLine; }
    QCategoryAxis *timeAxis() const { return m_timeAxis; }
    QValueAxis *depthAxis() const { return m_depthAxis; }
    // What the series would hold: the reduced points and pens of the total
    // (first) and of every queue in the tier's order, as last drawn.
    QueueLinesLayer *dataLayer() const { return m_dataLayer; }
    // The plot area's width in device pixels: the reducer's column count.
    int plotWidthPixels() const;

    // The time under a point of the chart view's viewport; nullopt outside the plot area.
    std::optional<qint64> timeAt(const QPoint &viewportPos) const;
    QWidget *plotViewport() const;

Q_SIGNALS:
    // After every replot, with the window it drew.
    void replotted(qint64 t0Ms, qint64 t1Ms);
    // The operator double-clicked this moment (UTC ms) on the plot area.
    void momentRequested(qint64 timeMs);

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildChart();
    void addSeries(QLineSeries *series);
    void scheduleReplot();
    void replotIfVisible();
    void plotData(const PixelColumnReducer &reducer);
    QList<QPointF> reduced(const PixelColumnReducer &reducer, const QString &seriesName);
    void plotLevels(qint64 t0, qint64 t1);
    void plotMarkers(qint64 t0, qint64 t1);
    QList<EventMarkersLayer::Band> outageBands(qint64 t0, qint64 t1) const;
    void updateTimeAxis(qint64 t0, qint64 t1);
    void updateDepthAxis(double dataMax);
    void updateTitle();
    void applyTheme();
    // Where the autoscaler acts at the current replica count, as its engine says.
    PolicyEngine::ActionLevels actionLevels() const;

    TierPolicy m_policy;
    TierState m_state;
    const MetricsStore *m_store = nullptr;
    qint64 m_nowMs = 0;
    int m_windowSeconds = kDefaultWindowSeconds;
    bool m_dark = false;
    bool m_dirty = false;
    bool m_replotting = false;
    int m_lastPlotWidth = 0;

    QChartView *m_view = nullptr;
    QChart *m_chart = nullptr;
    QCategoryAxis *m_timeAxis = nullptr;
    QValueAxis *m_depthAxis = nullptr;
    QLineSeries *m_totalLine = nullptr;
    QLineSeries *m_totalFillEdge = nullptr; // the upper edge of m_totalArea
    QAreaSeries *m_totalArea = nullptr;
    QLineSeries *m_scaleUpLine = nullptr;
    QLineSeries *m_scaleDownLine = nullptr;
    QueueLinesLayer *m_dataLayer = nullptr;
    EventMarkersLayer *m_markers = nullptr;
    QList<EventMarkersLayer::Marker> m_eventMarkers;
    QHash<QString, QLineSeries *> m_queueLines;
    QHash<QString, ReducedSeries> m_reductions; // by store series name, kept between replots
    QList<UtcTick> m_ticks; // as last put on m_timeAxis
    qint64 m_timeAxisStartMs = 0;
    QTimer m_replotTimer;
};

} // namespace e2i
