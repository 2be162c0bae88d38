// TierQueueChart: bounded point counts, the autoscaler's levels where it acts,
// the time window on the axis, and replots that are coalesced and skipped
// while hidden.
#include "FakePlatformHistory.h"
#include "charts/TierQueueChart.h"

#include <QCategoryAxis>
#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

using namespace Qt::StringLiterals;
using e2i::MetricsStore;
using e2i::TierQueueChart;
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
    void levelsAreThresholdTimesReplicas_data();
    void levelsAreThresholdTimesReplicas();
    void windowSetsTimeAxisRange_data();
    void windowSetsTimeAxisRange();
    void depthAxisShowsDataAndScaleUpLevel();
    void replotsAreCoalesced();
    void hiddenChartReplotsWhenShown();
    void darkThemeKeepsTheLevelStyling();
    void legendNamesEverySeriesOnce();

private:
    e2i::PlatformProfile m_profile = FakePlatformHistory::profile();
    MetricsStore m_store;
    e2i::PlatformSample m_last;
};

void tst_TierQueueChart::initTestCase()
{
    FakePlatformHistory history(m_profile, 20261123);
    m_last = history.fill(m_store, kNowMs, kSixHours, 1);
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
    const auto check = [&](QLineSeries *line, const QString &raw) {
        const qsizetype rawCount = qsizetype(m_store.series(raw)->size());
        QVERIFY2(line->count() > 0 && line->count() <= 4 * width,
                 qPrintable(QStringLiteral("%1: %2 points for %3 px").arg(line->name()).arg(line->count()).arg(width)));
        QVERIFY(line->count() < rawCount); // the reduction did reduce
    };
    for (const QString &queue : m_profile.autoscale.tier(u"light"_s)->queues)
        check(chart.queueSeries(queue), MetricsStore::queueDepthSeries(queue));
    check(chart.totalSeries(), MetricsStore::tierQueuedSeries(u"light"_s));
}

void tst_TierQueueChart::levelsAreThresholdTimesReplicas_data()
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
    QTest::addRow("heavy at 0 counts as 1") << u"heavy"_s << 0 << 1.0 << 0.5 << u"scale up at 1"_s << u"scale down below 0.5 (at min)"_s;
    QTest::addRow("heavy at 3") << u"heavy"_s << 3 << 3.0 << 1.5 << u"scale up at 3"_s << u"scale down below 1.5"_s;
}

void tst_TierQueueChart::levelsAreThresholdTimesReplicas()
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

    const qint64 t0 = kNowMs - qint64(chart.windowSeconds()) * 1000;
    const QList<QPointF> expectedUp{{double(t0), up}, {double(kNowMs), up}};
    const QList<QPointF> expectedDown{{double(t0), down}, {double(kNowMs), down}};
    QCOMPARE(chart.scaleUpLine()->points(), expectedUp);
    QCOMPARE(chart.scaleDownLine()->points(), expectedDown);
    QTEST(chart.scaleUpLine()->name(), "upName");
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
    chart.setWindowSeconds(seconds);
    QTRY_COMPARE_WITH_TIMEOUT(chart.timeAxis()->min(), double(kNowMs - qint64(seconds) * 1000), kReplotWaitMs);
    QCOMPARE(chart.timeAxis()->max(), double(kNowMs));
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
    QSignalSpy replaced(chart.totalSeries(), &QXYSeries::pointsReplaced);
    for (int i = 0; i < 5; ++i)
        chart.updateFrom(m_store, *m_last.tier(u"light"_s), kNowMs - i * 1000);
    QCOMPARE(replaced.count(), 0); // nothing drawn inside updateFrom()
    QTRY_VERIFY_WITH_TIMEOUT(!chart.isReplotPending(), kReplotWaitMs);
    // Five updates coalesce into one replot. On a loaded machine the new axis
    // labels can resize the plot and ask for one more, which is not an update
    // replot: allow it, but never one replot per update.
    QVERIFY2(replaced.count() >= 1 && replaced.count() <= 2, qPrintable(QString::number(replaced.count())));
    QCOMPARE(chart.timeAxis()->max(), double(kNowMs - 4000)); // the latest update won
}

void tst_TierQueueChart::hiddenChartReplotsWhenShown()
{
    TierQueueChart chart;
    chart.setTier(tierNamed(m_profile, u"heavy"_s));
    QSignalSpy replaced(chart.totalSeries(), &QXYSeries::pointsReplaced);
    chart.updateFrom(m_store, *m_last.tier(u"heavy"_s), kNowMs);
    QTRY_VERIFY_WITH_TIMEOUT(!chart.isReplotPending(), kReplotWaitMs);
    QCOMPARE(replaced.count(), 0);
    chart.show();
    QTRY_VERIFY_WITH_TIMEOUT(replaced.count() >= 1, kReplotWaitMs);
    QVERIFY(chart.totalSeries()->count() > 0);
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
    chart.setTier(policy);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.updateFrom(m_store, stateWith(policy, 3), kNowMs);
    chart.replotNow();
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

QTEST_MAIN(tst_TierQueueChart)
#include "tst_TierQueueChart.moc"
