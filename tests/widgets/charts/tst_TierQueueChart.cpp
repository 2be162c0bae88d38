// TierQueueChart: bounded point counts, the autoscaler's levels where it acts,
// the time window on the axis (whole columns, fixed in time), replots that are
// coalesced and skipped while hidden, a new sample redrawing only the newest
// columns, and every queue's colour in a grab of the chart.
#include "FakePlatformHistory.h"
#include "charts/PixelColumnReducer.h"
#include "charts/QueueLinesLayer.h"
#include "charts/TierQueueChart.h"

#include <QCategoryAxis>
#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScreen>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

#include <algorithm>

using namespace Qt::StringLiterals;
using e2i::MetricsStore;
using e2i::PixelColumnReducer;
using e2i::QueueLinesLayer;
using e2i::TierQueueChart;
namespace PolicyEngine = e2i::PolicyEngine;
using e2i::TierState;
using e2i::testing::FakePlatformHistory;

namespace {

constexpr qint64 kNowMs = 1'795'000'000'000;
constexpr int kSixHours = 6 * 3600;
// Replots wait kReplotDelayMs; allow a loaded CI machine plenty more.
constexpr int kReplotWaitMs = 5000;

const e2i::TierPolicy &tierNamed(const e2i::PlatformProfile &profile, const QString &name)
{
    return *profile.autoscale.tier(name);
}

TierState stateWith(const e2i::TierPolicy &policy, int replicas)
{
    TierState state;
    state.name = policy.name;
    state.replicas = replicas;
    state.minReplicas = policy.minReplicas;
    state.maxReplicas = policy.maxReplicas;
    return state;
}

} // namespace

class tst_TierQueueChart : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void pointCountIsBoundedByPlotWidth();
    void levelsAreWhereTheEngineActs_data();
    void levelsAreWhereTheEngineActs();
    void windowSetsTimeAxisRange_data();
    void windowSetsTimeAxisRange();
    void depthAxisShowsDataAndScaleUpLevel();
    void replotsAreCoalesced();
    void hiddenChartReplotsWhenShown();
    void darkThemeKeepsTheLevelStyling();
    void legendNamesEverySeriesOnce();
    void newSampleRedrawsOnlyTheNewestColumns();
    void themeChangeRedrawsTheData();
    void resizeRemapsTheDataAtOnce();
    void screenAfterBandRepaintsMatchesAGrab();
    void grabShowsEveryQueueColour();
    void doubleClickAsksForThatMoment();

private:
    // The tier at `replicas`, shown and replotted once with the shared history.
    bool showReplotted(TierQueueChart &chart, const e2i::TierPolicy &policy, int replicas);

    e2i::PlatformProfile m_profile = FakePlatformHistory::profile();
    MetricsStore m_store;
    e2i::PlatformSample m_last;
};

void tst_TierQueueChart::initTestCase()
{
    FakePlatformHistory history(m_profile, 20261123);
    m_last = history.fill(m_store, kNowMs, kSixHours, 1);
}

bool tst_TierQueueChart::showReplotted(TierQueueChart &chart, const e2i::TierPolicy &policy, int replicas)
{
    chart.setTier(policy);
    chart.show();
    if (!QTest::qWaitForWindowExposed(&chart))
        return false;
    chart.updateFrom(m_store, stateWith(policy, replicas), kNowMs);
    chart.replotNow();
    return true;
}

void tst_TierQueueChart::pointCountIsBoundedByPlotWidth()
{
    TierQueueChart chart;
    chart.resize(700, 320);
    chart.setTier(tierNamed(m_profile, u"light"_s));
    chart.setWindowSeconds(kSixHours);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.updateFrom(m_store, *m_last.tier(u"light"_s), kNowMs);
    chart.replotNow();
    QCoreApplication::processEvents(); // axis labels may have moved the plot area
    chart.replotNow();

    const int width = chart.plotWidthPixels();
    QVERIFY2(width > 100 && width < 700, qPrintable(QString::number(width)));
    const QList<QueueLinesLayer::Line> &lines = chart.dataLayer()->lines();
    const QStringList &queues = m_profile.autoscale.tier(u"light"_s)->queues;
    QCOMPARE(lines.size(), queues.size() + 1); // the total first, then the queues
    const auto check = [&](const QueueLinesLayer::Line &line, const QString &raw) {
        const qsizetype rawCount = qsizetype(m_store.series(raw)->size());
        const qsizetype count = line.points.size();
        QVERIFY2(count > 0 && count <= 4 * width,
                 qPrintable(QStringLiteral("%1: %2 points for %3 px").arg(raw).arg(count).arg(width)));
        QVERIFY(count < rawCount); // the reduction did reduce
    };
    check(lines[0], MetricsStore::tierQueuedSeries(u"light"_s));
    for (qsizetype i = 0; i < queues.size(); ++i) {
        check(lines[i + 1], MetricsStore::queueDepthSeries(queues[i]));
        QCOMPARE(lines[i + 1].pen, chart.queueSeries(queues[i])->pen()); // drawn in the legend's colour
    }
    // QtCharts gets none of the points: its raster line item would stroke them all again.
    QCOMPARE(chart.totalSeries()->count(), 0);
}

void tst_TierQueueChart::levelsAreWhereTheEngineActs_data()
{
    QTest::addColumn<QString>("tier");
    QTest::addColumn<int>("replicas");
    QTest::addColumn<double>("up");
    QTest::addColumn<double>("down");
    QTest::addColumn<QString>("upName");
    QTest::addColumn<QString>("downName");
    // autoscale.yml: light 20 / 5, medium 10 / 2, heavy 1 / 0.5 queued tasks per replica.
    QTest::addRow("light at 2") << u"light"_s << 2 << 40.0 << 10.0 << u"scale up at 40"_s << u"scale down below 10 (at min)"_s;
    QTest::addRow("light at 3") << u"light"_s << 3 << 60.0 << 15.0 << u"scale up at 60"_s << u"scale down below 15"_s;
    QTest::addRow("medium at max") << u"medium"_s << 3 << 30.0 << 6.0 << u"scale up at 30 (at max)"_s << u"scale down below 6"_s;
    // At 0 replicas any queued task activates the tier, and nothing scales down.
    QTest::addRow("heavy at 0 activates") << u"heavy"_s << 0 << 0.0 << -1.0 << u"activate at any queued task"_s << QString();
    QTest::addRow("heavy at 3") << u"heavy"_s << 3 << 3.0 << 1.5 << u"scale up at 3"_s << u"scale down below 1.5"_s;
}

void tst_TierQueueChart::levelsAreWhereTheEngineActs()
{
    QFETCH(QString, tier);
    QFETCH(int, replicas);
    QFETCH(double, up);
    QFETCH(double, down);
    TierQueueChart chart;
    const auto &policy = tierNamed(m_profile, tier);
    chart.setTier(policy);
    chart.updateFrom(m_store, stateWith(policy, replicas), kNowMs);
    chart.replotNow();

    const double t0 = chart.timeAxis()->min();
    const double t1 = chart.timeAxis()->max();
    const QList<QPointF> expectedUp{{t0, up}, {t1, up}};
    QCOMPARE(chart.scaleUpLine()->points(), expectedUp);
    QTEST(chart.scaleUpLine()->name(), "upName");
    // The chart draws what the engine decides on, at every replica count.
    const PolicyEngine::ActionLevels engine = PolicyEngine::actionLevels(policy, replicas);
    QCOMPARE(engine.scaleUp, up);
    QCOMPARE(chart.scaleDownLine()->isVisible(), engine.scaleDown.has_value());
    if (down < 0.0) {
        QVERIFY(!engine.scaleDown);
        return;
    }
    QCOMPARE(*engine.scaleDown, down);
    const QList<QPointF> expectedDown{{t0, down}, {t1, down}};
    QCOMPARE(chart.scaleDownLine()->points(), expectedDown);
    QTEST(chart.scaleDownLine()->name(), "downName");
}

void tst_TierQueueChart::windowSetsTimeAxisRange_data()
{
    QTest::addColumn<int>("seconds");
    QTest::addRow("5 min") << 300;
    QTest::addRow("1 h") << 3600;
    QTest::addRow("6 h") << kSixHours;
    QTest::addRow("24 h") << 86400;
}

void tst_TierQueueChart::windowSetsTimeAxisRange()
{
    QFETCH(int, seconds);
    TierQueueChart chart;
    chart.resize(800, 300);
    chart.setTier(tierNamed(m_profile, u"medium"_s));
    chart.show();
    chart.updateFrom(m_store, *m_last.tier(u"medium"_s), kNowMs);
    QSignalSpy replotted(&chart, &TierQueueChart::replotted);
    chart.setWindowSeconds(seconds);
    QTRY_VERIFY_WITH_TIMEOUT(!replotted.isEmpty(), kReplotWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!chart.isReplotPending(), kReplotWaitMs);
    // Whole columns of a whole number of ms, the newest holding the newest sample.
    const PixelColumnReducer expected = PixelColumnReducer::aligned(kNowMs, qint64(seconds) * 1000, chart.plotWidthPixels());
    QCOMPARE(chart.timeAxis()->min(), double(expected.t0()));
    QCOMPARE(chart.timeAxis()->max(), double(expected.t1()));
    const double span = chart.timeAxis()->max() - chart.timeAxis()->min();
    QVERIFY(span >= seconds * 1000.0 && span < seconds * 1000.0 + chart.plotWidthPixels());
    QVERIFY(chart.timeAxis()->max() > double(kNowMs));
    QVERIFY(chart.timeAxis()->max() - double(kNowMs) <= span / chart.plotWidthPixels());
    // Every tick label sits inside the window.
    const QStringList labels = chart.timeAxis()->categoriesLabels();
    QVERIFY(labels.size() >= 2);
    for (const QString &label : labels) {
        const double at = chart.timeAxis()->endValue(label);
        QVERIFY2(at > chart.timeAxis()->min() && at <= chart.timeAxis()->max(), qPrintable(label));
    }
}

void tst_TierQueueChart::depthAxisShowsDataAndScaleUpLevel()
{
    TierQueueChart chart;
    const auto &policy = tierNamed(m_profile, u"light"_s);
    chart.setTier(policy);
    chart.setWindowSeconds(kSixHours);
    chart.updateFrom(m_store, stateWith(policy, 4), kNowMs);
    chart.replotNow();
    const auto range = m_store.series(MetricsStore::tierQueuedSeries(u"light"_s))
                           ->valueRange(kNowMs - kSixHours * 1000LL, kNowMs);
    QCOMPARE(chart.depthAxis()->min(), 0.0);
    QVERIFY(chart.depthAxis()->max() > range.max);
    QVERIFY(chart.depthAxis()->max() > 80.0); // 20 x 4 replicas

    // An idle tier at 0 replicas (level 0, no data) keeps an axis of whole tasks.
    TierQueueChart idle;
    const auto &heavy = tierNamed(m_profile, u"heavy"_s);
    idle.setTier(heavy);
    const MetricsStore empty;
    idle.updateFrom(empty, stateWith(heavy, 0), kNowMs);
    idle.replotNow();
    QVERIFY2(idle.depthAxis()->max() >= 4.0, qPrintable(QString::number(idle.depthAxis()->max())));
    QCOMPARE(idle.depthAxis()->labelFormat(), u"%.0f"_s);
}

void tst_TierQueueChart::replotsAreCoalesced()
{
    TierQueueChart chart;
    chart.setTier(tierNamed(m_profile, u"light"_s));
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.replotNow();
    // Let the layout settle: new axis labels can resize the plot and ask for one more replot.
    QTest::qWait(4 * TierQueueChart::kReplotDelayMs);
    QTRY_VERIFY_WITH_TIMEOUT(!chart.isReplotPending(), kReplotWaitMs);
    QSignalSpy replotted(&chart, &TierQueueChart::replotted);
    for (int i = 0; i < 5; ++i)
        chart.updateFrom(m_store, *m_last.tier(u"light"_s), kNowMs - i * 1000);
    QCOMPARE(replotted.count(), 0); // nothing drawn inside updateFrom()
    QTRY_VERIFY_WITH_TIMEOUT(!chart.isReplotPending(), kReplotWaitMs);
    // Five updates coalesce into one replot. On a loaded machine the new axis
    // labels can resize the plot and ask for one more, which is not an update
    // replot: allow it, but never one replot per update.
    QVERIFY2(replotted.count() >= 1 && replotted.count() <= 2, qPrintable(QString::number(replotted.count())));
    // The latest update won: its sample is in the window's newest column.
    const qint64 t1 = replotted.constLast().at(1).toLongLong();
    const qint64 t0 = replotted.constLast().at(0).toLongLong();
    const qint64 columnMs = (t1 - t0) / chart.plotWidthPixels();
    QVERIFY(kNowMs - 4000 < t1 && t1 - columnMs <= kNowMs - 4000);
}

void tst_TierQueueChart::hiddenChartReplotsWhenShown()
{
    TierQueueChart chart;
    chart.setTier(tierNamed(m_profile, u"heavy"_s));
    QSignalSpy replotted(&chart, &TierQueueChart::replotted);
    chart.updateFrom(m_store, *m_last.tier(u"heavy"_s), kNowMs);
    QTRY_VERIFY_WITH_TIMEOUT(!chart.isReplotPending(), kReplotWaitMs);
    QCOMPARE(replotted.count(), 0);
    chart.show();
    QTRY_VERIFY_WITH_TIMEOUT(replotted.count() >= 1, kReplotWaitMs);
    QVERIFY(!chart.dataLayer()->lines().constFirst().points.isEmpty());
}

void tst_TierQueueChart::darkThemeKeepsTheLevelStyling()
{
    TierQueueChart chart;
    chart.setTier(tierNamed(m_profile, u"light"_s));
    chart.setDarkTheme(true);
    QVERIFY(chart.isDarkTheme());
    QVERIFY(chart.chart()->backgroundBrush().color().lightness() < 100);
    QCOMPARE(chart.scaleUpLine()->pen().style(), Qt::DashLine);
    QCOMPARE(chart.scaleDownLine()->pen().style(), Qt::DashLine);
    QVERIFY(chart.scaleUpLine()->pen().color() != chart.scaleDownLine()->pen().color());
    // Queue lines stay readable on the dark background.
    for (const QString &queue : m_profile.autoscale.tier(u"light"_s)->queues)
        QVERIFY(chart.queueSeries(queue)->pen().color().lightness() > 100);
}

// The total is drawn as a line over its shaded area; the legend still names it
// once, with the line's colour as the marker's edge.
void tst_TierQueueChart::legendNamesEverySeriesOnce()
{
    TierQueueChart chart;
    const auto &policy = tierNamed(m_profile, u"light"_s);
    QVERIFY(showReplotted(chart, policy, 3));
    QStringList labels;
    QColor totalEdge;
    for (QLegendMarker *marker : chart.chart()->legend()->markers()) {
        if (!marker->isVisible())
            continue;
        labels.append(marker->label());
        if (marker->label() == u"total queued"_s)
            totalEdge = marker->pen().color();
    }
    QStringList expected{u"total queued"_s, u"scale up at 60"_s, u"scale down below 15"_s};
    expected += policy.queues;
    labels.sort();
    expected.sort();
    QCOMPARE(labels, expected);
    QCOMPARE(totalEdge, chart.totalSeries()->pen().color());
}

// A live chart's frame: one new sample redraws a band at the right of the
// data image, not the image; a sample in a new column moves the window on and
// scrolls the image.
void tst_TierQueueChart::newSampleRedrawsOnlyTheNewestColumns()
{
    const e2i::PlatformProfile profile = FakePlatformHistory::profile();
    const auto &policy = tierNamed(profile, u"light"_s);
    TierQueueChart chart;
    chart.resize(900, 360);
    chart.setTier(policy);
    chart.setWindowSeconds(kSixHours);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const int width = chart.plotWidthPixels();
    // The first second of a column, so the next sample falls in the same one.
    const PixelColumnReducer columns = PixelColumnReducer::aligned(kNowMs, kSixHours * 1000LL, width);
    const qint64 columnMs = (columns.t1() - columns.t0()) / width;
    const qint64 start = columns.t1() - columnMs + 1;
    QVERIFY(columnMs > 2000);

    MetricsStore store;
    FakePlatformHistory history(profile, 7);
    e2i::PlatformSample last = history.fill(store, start, kSixHours, 1);
    chart.updateFrom(store, *last.tier(u"light"_s), start);
    chart.replotNow();
    QCoreApplication::processEvents();
    chart.replotNow(); // settled layout
    last = history.fill(store, start + 1000, 0, 1);
    chart.updateFrom(store, *last.tier(u"light"_s), start + 1000);
    chart.replotNow();
    const QueueLinesLayer *layer = chart.dataLayer();
    QCOMPARE(layer->lastScrollPixels(), 0);
    QVERIFY(!layer->lastRedrawnBands().isEmpty());
    const QRect band = layer->lastRedrawnBands().constLast();
    QVERIFY2(band.right() == layer->image().width() - 1 && band.width() < 20,
             qPrintable(QStringLiteral("redrawn %1 px of %2").arg(band.width()).arg(layer->image().width())));

    last = history.fill(store, start + columnMs, 0, 1); // the next column
    chart.updateFrom(store, *last.tier(u"light"_s), start + columnMs);
    chart.replotNow();
    // The image scrolls by a pixel (the shade's steps stay put) and only bands are drawn again.
    QCOMPARE(layer->lastScrollPixels(), 1);
    QVERIFY(!layer->lastRedrewWhole());
}

// The data is drawn by the chart's own layer, which must follow the theme's pens.
void tst_TierQueueChart::themeChangeRedrawsTheData()
{
    TierQueueChart chart;
    const auto &policy = tierNamed(m_profile, u"light"_s);
    QVERIFY(showReplotted(chart, policy, 3));
    const QColor lightColour = chart.dataLayer()->lines().at(1).pen.color();
    chart.setDarkTheme(true);
    QTRY_VERIFY_WITH_TIMEOUT(!chart.isReplotPending(), kReplotWaitMs);
    QVERIFY(chart.dataLayer()->lines().at(1).pen.color() != lightColour);
    QCOMPARE(chart.dataLayer()->lines().at(1).pen, chart.queueSeries(policy.queues.first())->pen());
}

// A snapshot can be grabbed right after the window was laid out, before the
// replot a new size asks for: the data must already sit on the new plot area.
void tst_TierQueueChart::resizeRemapsTheDataAtOnce()
{
    TierQueueChart chart;
    const auto &policy = tierNamed(m_profile, u"light"_s);
    chart.resize(400, 250);
    chart.setTier(policy);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.updateFrom(m_store, stateWith(policy, 3), kNowMs);
    chart.replotNow();
    const QRectF small = chart.dataLayer()->axes().plotArea;
    chart.resize(1000, 420);
    chart.grab(); // sends the pending resize, which lays the chart out
    QVERIFY(chart.chart()->plotArea().width() > small.width() + 300);
    QCOMPARE(chart.dataLayer()->axes().plotArea, chart.chart()->plotArea());
    QCOMPARE(chart.dataLayer()->image().width(), chart.plotWidthPixels());
    QVERIFY(chart.isReplotPending()); // to reduce the data to the new width
}

// A new sample repaints only the bands the layer redrew; what the window then
// shows must be what a fresh rendering of it shows.
void tst_TierQueueChart::screenAfterBandRepaintsMatchesAGrab()
{
    const e2i::PlatformProfile profile = FakePlatformHistory::profile();
    const auto &policy = tierNamed(profile, u"light"_s);
    TierQueueChart chart;
    chart.resize(900, 360);
    chart.setTier(policy);
    chart.setWindowSeconds(kSixHours);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    MetricsStore store;
    FakePlatformHistory history(profile, 11);
    qint64 now = kNowMs;
    e2i::PlatformSample last = history.fill(store, now, kSixHours, 1);
    chart.updateFrom(store, *last.tier(u"light"_s), now);
    chart.replotNow();
    QCoreApplication::processEvents();
    int bandFrames = 0;
    for (int i = 0; i < 5; ++i) {
        now += 1000;
        last = history.fill(store, now, 0, 1);
        chart.updateFrom(store, *last.tier(u"light"_s), now);
        chart.replotNow();
        bandFrames += chart.dataLayer()->lastScrollPixels() == 0 && !chart.dataLayer()->lastRedrewWhole() ? 1 : 0;
        QCoreApplication::processEvents(); // the partial repaint
    }
    QVERIFY(bandFrames > 0);
    const QImage onScreen = chart.screen()->grabWindow(chart.winId()).toImage().convertToFormat(QImage::Format_RGB32);
    const QImage rendered = chart.grab().toImage().convertToFormat(QImage::Format_RGB32);
    QCOMPARE(onScreen.size(), rendered.size());
    QVERIFY(onScreen == rendered);
}

// What a snapshot captures: every queue's own colour is in the grabbed plot.
void tst_TierQueueChart::grabShowsEveryQueueColour()
{
    TierQueueChart chart;
    const auto &policy = tierNamed(m_profile, u"light"_s);
    chart.resize(900, 360);
    chart.setTier(policy);
    chart.setWindowSeconds(kSixHours);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.updateFrom(m_store, stateWith(policy, 3), kNowMs);
    chart.replotNow();
    QCoreApplication::processEvents();
    const QImage image = chart.grab().toImage().convertToFormat(QImage::Format_RGB32);
    const QRect plot = chart.chart()->plotArea().toRect().intersected(image.rect());
    for (const QString &queue : policy.queues) {
        const QRgb colour = chart.queueSeries(queue)->pen().color().rgb();
        int matches = 0;
        for (int y = plot.top(); y <= plot.bottom(); ++y)
            for (int x = plot.left(); x <= plot.right(); ++x)
                matches += image.pixel(x, y) == colour ? 1 : 0;
        // A 2 px line across the plot has at least a plot width of pixels in its colour.
        QVERIFY2(matches >= plot.width(),
                 qPrintable(QStringLiteral("%1: %2 pixels in its colour").arg(queue).arg(matches)));
    }
}

// Time travel from the chart: a double-click on the plot area names the time
// under the pointer (a quarter of the way along the axis here); outside it, nothing.
void tst_TierQueueChart::doubleClickAsksForThatMoment()
{
    TierQueueChart chart;
    chart.resize(800, 300);
    QVERIFY(showReplotted(chart, tierNamed(m_profile, u"medium"_s), 1));
    QSignalSpy requested(&chart, &TierQueueChart::momentRequested);
    const QRectF area = chart.chart()->plotArea();
    const QPointF quarter(area.left() + area.width() / 4.0, area.center().y());
    const QPoint viewportPos = chart.plotViewport()->mapFrom(&chart, quarter.toPoint());
    // The chart view shows the chart at its origin: chart and view coordinates agree.
    const std::optional<qint64> at = chart.timeAt(viewportPos);
    QVERIFY(at);
    const double expected = chart.timeAxis()->min() + (chart.timeAxis()->max() - chart.timeAxis()->min()) / 4.0;
    const double msPerPixel = (chart.timeAxis()->max() - chart.timeAxis()->min()) / area.width();
    QVERIFY2(std::abs(double(*at) - expected) <= 2 * msPerPixel, qPrintable(QString::number(*at - expected)));
    QTest::mouseDClick(chart.plotViewport(), Qt::LeftButton, {}, viewportPos);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().first().toLongLong(), *at);

    QTest::mouseDClick(chart.plotViewport(), Qt::LeftButton, {}, QPoint(2, 2)); // the chart's margin
    QCOMPARE(requested.size(), 1);
    QTest::mouseDClick(chart.plotViewport(), Qt::RightButton, {}, viewportPos);
    QCOMPARE(requested.size(), 1);
}

QTEST_MAIN(tst_TierQueueChart)
#include "tst_TierQueueChart.moc"
