#include "TierQueueChart.h"
#include "common/OkabeIto.h"
#include "common/NiceNumber.h"

#include "PixelColumnReducer.h"
#include "QueueLinesLayer.h"
#include "ReducedSeries.h"
#include "UtcTimeTicks.h"
#include "monitor/MetricsStore.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QFontMetrics>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace e2i {

namespace {

// Room each time label needs on the axis, in pixels ("23 Nov" at the default font, plus a gap).
constexpr int kPixelsPerTimeTick = 90;
// Head room above the highest of the data and the scale-up level, so neither touches the frame.
constexpr double kHeadRoom = 1.12;
constexpr int kMaxDepthIntervals = 5;
// An idle tier at 0 replicas has no data and acts at any queued task (level 0): the
// axis still spans a few whole tasks rather than shrinking to fractions of one.
constexpr double kMinDepthTop = 4.0;
// Room beside a legend label for its marker and the legend's margins.
constexpr int kLegendMarkerRoom = 48;
// The shade under the total is a level step per this many pixel columns, at
// their highest value: it still reaches the total line everywhere, and its
// fill costs about half (measured when QtCharts filled it on every frame:
// 24 h x 1 s, 3 tiers, 43 -> 25 ms of a 1600 px render).
// Narrow enough that a spike's shade stays a thin bar beside the line.
constexpr int kShadeColumnsPerStep = 4;

// Okabe-Ito hues first, then brown and grey; red and green are left to the
// scale-up and scale-down levels.
QColor queueColour(int index, bool dark)
{
    using OkabeIto::Hue;
    constexpr std::array<Hue, 4> kHues{Hue::Blue, Hue::Orange, Hue::ReddishPurple, Hue::SkyBlue};
    constexpr std::array<QRgb, 2> kTailLight{0x8C564B, 0x7F7F7F};
    constexpr std::array<QRgb, 2> kTailDark{0xC49A82, 0xBDBDBD};
    const std::size_t i = std::size_t(index) % (kHues.size() + kTailLight.size());
    if (i < kHues.size())
        return OkabeIto::colour(kHues[i], dark);
    return QColor::fromRgb((dark ? kTailDark : kTailLight)[i - kHues.size()]);
}

QPen levelPen(QColor colour)
{
    QPen pen(colour, 2.0, Qt::DashLine);
    pen.setCosmetic(true);
    return pen;
}

// A {1, 2, 5} x 10^k step giving at most kMaxDepthIntervals intervals up to `top`.
double niceStep(double top)
{
    return NiceNumber::ceiling(top / kMaxDepthIntervals);
}

QString formatLevel(double level)
{
    return QString::number(level, 'g', 4);
}

QString outageText(qint64 fromMs, qint64 toMs)
{
    const auto utc = [](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("HH:mm:ss")); };
    if (toMs < 0)
        return TierQueueChart::tr("Redis unreachable since %1 UTC: no queue data").arg(utc(fromMs));
    return TierQueueChart::tr("Redis unreachable %1–%2 UTC (%3 s): no queue data")
        .arg(utc(fromMs), utc(toMs))
        .arg((toMs - fromMs) / 1000);
}

} // namespace

TierQueueChart::TierQueueChart(QWidget *parent)
    : QWidget(parent)
{
    m_replotTimer.setSingleShot(true);
    m_replotTimer.setInterval(kReplotDelayMs);
    connect(&m_replotTimer, &QTimer::timeout, this, &TierQueueChart::replotIfVisible);
    buildChart();
}

TierQueueChart::~TierQueueChart() = default;

void TierQueueChart::buildChart()
{
    m_chart = new QChart;
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(4, 2, 4, 2));
    m_chart->legend()->setAlignment(Qt::AlignRight);

    m_timeAxis = new QCategoryAxis;
    m_timeAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_timeAxis->setTitleText(tr("time (UTC)"));
    m_depthAxis = new QValueAxis;
    m_depthAxis->setTitleText(tr("queued tasks"));
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_depthAxis, Qt::AlignLeft);

    // The area and the total line name the shade and carry its brush and pen;
    // the data layer draws both.
    m_totalFillEdge = new QLineSeries;
    m_totalArea = new QAreaSeries(m_totalFillEdge);
    m_totalFillEdge->setParent(m_totalArea); // an area series does not own its edges
    m_totalArea->setName(tr("total queued"));
    m_chart->addSeries(m_totalArea);
    m_totalArea->attachAxis(m_timeAxis);
    m_totalArea->attachAxis(m_depthAxis);
    m_totalLine = new QLineSeries;
    addSeries(m_totalLine);
    m_chart->legend()->markers(m_totalLine).constFirst()->setVisible(false); // the area's marker names it
    // Added before the levels, so their dashes are drawn over the data.
    m_dataLayer = new QueueLinesLayer(m_chart);
    m_markers = new EventMarkersLayer(m_chart);
    m_markers->setZValue(m_dataLayer->zValue() + 1);
    m_scaleUpLine = new QLineSeries;
    m_scaleDownLine = new QLineSeries;
    addSeries(m_scaleUpLine);
    addSeries(m_scaleDownLine);

    m_view = new QChartView(m_chart, this);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->viewport()->installEventFilter(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    // A plot area moved or resized takes the data drawn onto it at once (a
    // grab may follow), and a replot to reduce it to the new width; inside a
    // replot, the replot itself maps onto the area its layout ends with.
    connect(m_chart, &QChart::plotAreaChanged, this, [this](const QRectF &area) {
        if (m_replotting || area == m_dataLayer->axes().plotArea)
            return;
        m_dataLayer->setPlotArea(area, plotWidthPixels());
        m_markers->setPlotArea(area);
        scheduleReplot();
    });
    applyTheme();
}

void TierQueueChart::addSeries(QLineSeries *series)
{
    m_chart->addSeries(series);
    series->attachAxis(m_timeAxis);
    series->attachAxis(m_depthAxis);
}

void TierQueueChart::setTier(const TierPolicy &policy)
{
    for (QLineSeries *line : std::as_const(m_queueLines)) {
        m_chart->removeSeries(line);
        delete line;
    }
    m_queueLines.clear();
    m_reductions.clear();
    m_policy = policy;
    m_state = TierState::fromPolicy(policy);
    for (const QString &queue : policy.queues) {
        auto *line = new QLineSeries;
        line->setName(queue);
        addSeries(line);
        m_queueLines.insert(queue, line);
    }
    applyTheme();
    scheduleReplot();
}

void TierQueueChart::updateFrom(const MetricsStore &store, const TierState &state, qint64 nowMs)
{
    if (&store != m_store)
        m_reductions.clear(); // kept reductions are of the old store's series
    m_store = &store;
    m_state = state;
    m_nowMs = nowMs;
    scheduleReplot();
}

void TierQueueChart::setWindowSeconds(int seconds)
{
    if (seconds <= 0 || seconds == m_windowSeconds)
        return;
    m_windowSeconds = seconds;
    scheduleReplot();
}

void TierQueueChart::setDarkTheme(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    applyTheme();
}

int TierQueueChart::plotWidthPixels() const
{
    const double width = m_chart->plotArea().width();
    return std::max(1, int(std::ceil(width * devicePixelRatioF())));
}

void TierQueueChart::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        scheduleReplot();
}

void TierQueueChart::scheduleReplot()
{
    // Not restarted by later updates: a steady stream still replots every kReplotDelayMs.
    if (!m_replotTimer.isActive())
        m_replotTimer.start();
}

void TierQueueChart::replotIfVisible()
{
    if (!isVisible()) {
        m_dirty = true;
        return;
    }
    replotNow();
}

void TierQueueChart::replotNow()
{
    m_replotTimer.stop();
    m_dirty = false;
    m_replotting = true;
    // New axis labels and title can change the plot's width, and with it the
    // column count the data is reduced and drawn to: then once more at the
    // new width, so a snapshot taken right after a replot is drawn to scale.
    PixelColumnReducer reducer(0, 0, 0);
    for (int pass = 0; pass < 2; ++pass) {
        m_lastPlotWidth = plotWidthPixels();
        reducer = PixelColumnReducer::aligned(m_nowMs, qint64(m_windowSeconds) * 1000, m_lastPlotWidth);
        plotData(reducer);
        if (plotWidthPixels() == m_lastPlotWidth)
            break;
    }
    m_replotting = false;
    if (plotWidthPixels() != m_lastPlotWidth)
        scheduleReplot();
    emit replotted(reducer.t0(), reducer.t1());
}

void TierQueueChart::plotData(const PixelColumnReducer &reducer)
{
    QList<QueueLinesLayer::Line> lines;
    lines.append({m_totalLine->pen(), reduced(reducer, MetricsStore::tierQueuedSeries(m_policy.name))});
    for (const QString &queue : std::as_const(m_policy.queues))
        lines.append({m_queueLines.value(queue)->pen(), reduced(reducer, MetricsStore::queueDepthSeries(queue))});
    double highest = 0.0;
    for (const QueueLinesLayer::Line &line : std::as_const(lines))
        for (const QPointF &p : line.points)
            highest = std::max(highest, p.y());

    plotLevels(reducer.t0(), reducer.t1());
    updateTimeAxis(reducer.t0(), reducer.t1());
    updateDepthAxis(highest);
    updateTitle();
    // New axis labels and title invalidate the chart's layout, which QtCharts
    // would redo from a posted event after the next paint, repainting the whole
    // view a second time; laid out now, a replot costs one paint, and the data
    // is mapped onto the plot area as it will be drawn.
    m_chart->layout()->activate();
    const QueueLinesLayer::Axes axes{m_chart->plotArea(), reducer.width(), m_timeAxis->min(), m_timeAxis->max(),
                                     m_depthAxis->min(), m_depthAxis->max(), devicePixelRatioF()};
    const QueueLinesLayer::Shade shade{m_totalArea->brush(),
                                       reducer.upperEnvelope(lines.constFirst().points, kShadeColumnsPerStep)};
    m_dataLayer->setData(axes, shade, lines);
    plotMarkers(reducer.t0(), reducer.t1());
}

void TierQueueChart::setEventMarkers(QList<EventMarkersLayer::Marker> markers)
{
    m_eventMarkers = std::move(markers);
    scheduleReplot();
}

void TierQueueChart::plotMarkers(qint64 t0, qint64 t1)
{
    m_markers->setContent(m_chart->plotArea(), t0, t1, outageBands(t0, t1), m_eventMarkers);
}

// Where the store's redis/connected series reads 0: nothing could be measured.
QList<EventMarkersLayer::Band> TierQueueChart::outageBands(qint64 t0, qint64 t1) const
{
    QList<EventMarkersLayer::Band> bands;
    const TimeSeries *connected = m_store ? m_store->series(MetricsStore::redisConnectedSeries()) : nullptr;
    if (!connected || connected->isEmpty())
        return bands;
    std::size_t i = connected->lowerBound(t0);
    if (i > 0)
        --i; // the state in force at t0
    qint64 start = -1;
    for (; i < connected->size() && connected->at(i).timeMs <= t1; ++i) {
        const SeriesPoint &p = connected->at(i);
        if (p.value < 0.5 && start < 0)
            start = p.timeMs;
        else if (p.value >= 0.5 && start >= 0) {
            bands.append({start, p.timeMs, outageText(start, p.timeMs)});
            start = -1;
        }
    }
    if (start >= 0)
        bands.append({start, std::max(t1, connected->last().timeMs), outageText(start, -1)});
    return bands;
}

QList<QPointF> TierQueueChart::reduced(const PixelColumnReducer &reducer, const QString &seriesName)
{
    const TimeSeries *series = m_store ? m_store->series(seriesName) : nullptr;
    if (!series) {
        m_reductions.remove(seriesName);
        return {};
    }
    return m_reductions[seriesName].update(reducer, *series);
}

PolicyEngine::ActionLevels TierQueueChart::actionLevels() const
{
    return PolicyEngine::actionLevels(m_policy, m_state.replicas);
}

void TierQueueChart::plotLevels(qint64 t0, qint64 t1)
{
    // A discovered tier has no autoscale policy: no thresholds to draw.
    m_scaleUpLine->setVisible(!m_policy.discovered);
    m_scaleDownLine->setVisible(!m_policy.discovered);
    if (m_policy.discovered)
        return;
    const PolicyEngine::ActionLevels levels = actionLevels();
    // QtCharts re-maps and repaints a series on every replace(), same points or
    // not; the levels change only with the window's column or the replicas.
    const auto setLevel = [t0, t1](QLineSeries *line, double level) {
        const QList<QPointF> points{QPointF(double(t0), level), QPointF(double(t1), level)};
        if (line->points() != points)
            line->replace(points);
    };
    setLevel(m_scaleUpLine, levels.scaleUp);
    // The autoscaler's own bounds stop it before the thresholds do; say so.
    const bool atMax = m_state.replicas >= m_state.maxReplicas;
    const bool atMin = m_state.replicas <= m_state.minReplicas;
    m_scaleUpLine->setName(m_state.replicas == 0 ? tr("activate at any queued task")
                                                 : tr("scale up at %1").arg(formatLevel(levels.scaleUp))
                                                       + (atMax ? tr(" (at max)") : QString()));
    // At 0 replicas nothing can scale down: no line rather than a level that means nothing.
    m_scaleDownLine->setVisible(levels.scaleDown.has_value());
    if (levels.scaleDown) {
        setLevel(m_scaleDownLine, *levels.scaleDown);
        m_scaleDownLine->setName(tr("scale down below %1").arg(formatLevel(*levels.scaleDown))
                                 + (atMin ? tr(" (at min)") : QString()));
    }
}

void TierQueueChart::updateTimeAxis(qint64 t0, qint64 t1)
{
    const int maxTicks = std::max(2, m_lastPlotWidth / kPixelsPerTimeTick);
    const QList<UtcTick> ticks = UtcTimeTicks::forWindow(t0, t1, maxTicks);
    // Rebuilding the categories relays the whole chart out; the ticks change far
    // less often than the frames (every step's worth of time, or on a resize).
    const bool newTicks = ticks != m_ticks;
    if (newTicks) {
        for (const QString &label : m_timeAxis->categoriesLabels())
            m_timeAxis->remove(label);
        m_timeAxis->setStartValue(double(t0));
        for (const UtcTick &tick : ticks)
            m_timeAxis->append(tick.label, double(tick.timeMs));
        m_ticks = ticks;
    }
    // Each of these re-lays the axis out even when nothing changes, which
    // between two columns (the window stands still) is most frames.
    if (newTicks || t0 != m_timeAxisStartMs)
        m_timeAxis->setStartValue(double(t0)); // the first category's start
    m_timeAxisStartMs = t0;
    if (m_timeAxis->min() != double(t0) || m_timeAxis->max() != double(t1))
        m_timeAxis->setRange(double(t0), double(t1));
}

QWidget *TierQueueChart::plotViewport() const
{
    return m_view->viewport();
}

std::optional<qint64> TierQueueChart::timeAt(const QPoint &viewportPos) const
{
    const QPointF inChart = m_chart->mapFromScene(m_view->mapToScene(viewportPos));
    const QRectF area = m_chart->plotArea();
    if (!area.contains(inChart) || area.width() <= 0)
        return std::nullopt;
    const double fraction = (inChart.x() - area.left()) / area.width();
    return qint64(std::llround(m_timeAxis->min() + fraction * (m_timeAxis->max() - m_timeAxis->min())));
}

bool TierQueueChart::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::MouseButtonDblClick) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton) {
            if (const auto at = timeAt(mouse->position().toPoint())) {
                Q_EMIT momentRequested(*at);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TierQueueChart::updateDepthAxis(double dataMax)
{
    const double top = std::max({dataMax, actionLevels().scaleUp, kMinDepthTop}) * kHeadRoom;
    const double step = niceStep(top);
    const int intervals = int(std::ceil(top / step - 1e-9));
    const double max = step * std::max(intervals, 1);
    if (m_depthAxis->min() != 0.0 || m_depthAxis->max() != max)
        m_depthAxis->setRange(0.0, max);
    if (m_depthAxis->tickCount() != std::max(intervals, 1) + 1)
        m_depthAxis->setTickCount(std::max(intervals, 1) + 1);
    // QValueAxis re-lays its labels out on every setLabelFormat(), same format or not.
    const QString format = step < 1.0 ? QStringLiteral("%.1f") : QStringLiteral("%.0f");
    if (m_depthAxis->labelFormat() != format)
        m_depthAxis->setLabelFormat(format);
}

void TierQueueChart::updateTitle()
{
    if (m_policy.discovered) {
        m_chart->setTitle(tr("<b>%1 tier</b> &nbsp; replicas %2 (no autoscale policy) &nbsp; %3 queued")
                              .arg(m_policy.name)
                              .arg(m_state.replicas)
                              .arg(m_state.queued));
        return;
    }
    m_chart->setTitle(tr("<b>%1 tier</b> &nbsp; replicas %2 (min %3, max %4) &nbsp; %5 queued")
                          .arg(m_policy.name)
                          .arg(m_state.replicas)
                          .arg(m_state.minReplicas)
                          .arg(m_state.maxReplicas)
                          .arg(m_state.queued));
}

void TierQueueChart::applyTheme()
{
    // A theme resets every pen and font, so the console's own styling follows it.
    m_chart->setTheme(m_dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_chart->setTitleFont(titleFont);
    // One legend width for every tier, so stacked charts share their time
    // axis's pixels, wide enough that no level's label is cut short.
    const QFontMetrics legendMetrics(m_chart->legend()->font());
    const int legendWidth = legendMetrics.horizontalAdvance(tr("scale down below 0.05 (at min)")) + kLegendMarkerRoom;
    m_chart->legend()->setMinimumWidth(legendWidth);
    m_chart->legend()->setMaximumWidth(legendWidth);

    int index = 0;
    for (const QString &queue : std::as_const(m_policy.queues)) {
        if (QLineSeries *line = m_queueLines.value(queue)) {
            QPen pen(queueColour(index++, m_dark), 2.0);
            pen.setCosmetic(true);
            line->setPen(pen);
        }
    }
    const QColor totalEdge = m_dark ? QColor(0xB0, 0xB0, 0xB0) : QColor(0x60, 0x60, 0x60);
    QColor totalFill = totalEdge;
    totalFill.setAlpha(m_dark ? 70 : 50);
    QPen totalPen(totalEdge, 1.0);
    totalPen.setCosmetic(true);
    m_totalLine->setPen(totalPen);
    m_totalArea->setPen(Qt::NoPen); // the total line is its edge
    m_totalArea->setBrush(totalFill);
    m_chart->legend()->markers(m_totalArea).constFirst()->setPen(totalPen);
    // The theme's grid competes with the data; a quieter one keeps the eye on the lines.
    const QColor grid = m_dark ? QColor(0x3A, 0x40, 0x4C) : QColor(0xE2, 0xE2, 0xE2);
    m_timeAxis->setGridLineColor(grid);
    m_depthAxis->setGridLineColor(grid);
    m_scaleUpLine->setPen(levelPen(m_dark ? QColor(0xFF, 0x6B, 0x6B) : QColor(0xC6, 0x28, 0x28)));
    m_scaleDownLine->setPen(levelPen(m_dark ? QColor(0x5C, 0xD6, 0x8A) : QColor(0x2E, 0x7D, 0x32)));
    scheduleReplot(); // the data layer draws with the new pens
}

} // namespace e2i
