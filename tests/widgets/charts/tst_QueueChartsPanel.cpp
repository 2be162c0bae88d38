// QueueChartsPanel: one chart per tier, the window selector (buttons and
// Alt+1..Alt+4), its label for snapshots, and a rendered panel that shows data.
// With E2I_PREVIEW set, also writes /tmp/charts-preview.png (and -dark.png).
#include "FakePlatformHistory.h"
#include "charts/QueueChartsPanel.h"
#include "charts/TierQueueChart.h"

#include <QAbstractButton>
#include <QCategoryAxis>
#include <QChart>
#include <QImage>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;
using e2i::MetricsStore;
using e2i::QueueChartsPanel;
using e2i::testing::FakePlatformHistory;

namespace {

constexpr qint64 kNowMs = 1'795'000'000'000;
constexpr int kHistorySeconds = 6 * 3600;
constexpr int kReplotWaitMs = 5000;
// Share of a chart's plot area that must differ from the background: the
// lines, the total area and the levels cover far more than this.
constexpr double kMinInkFraction = 0.01;

double inkFraction(const QImage &image, const QRect &area, QRgb background)
{
    qint64 ink = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
            ink += image.pixel(x, y) != background ? 1 : 0;
    return double(ink) / double(area.width() * area.height());
}

} // namespace

class tst_QueueChartsPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void oneChartPerTierInProfileOrder();
    void windowButtonsSetEveryChart_data();
    void windowButtonsSetEveryChart();
    void altDigitShortcutsPickTheWindow();
    void windowLabels_data();
    void windowLabels();
    void rejectsANonPositiveWindow();
    void missingTierFallsBackToTheStore();
    void runtimeTierGetsAChartWithoutLevels();
    void discoveredQueuesBecomeLines();
    void rendersDataToPng_data();
    void rendersDataToPng();

private:
    QAbstractButton *windowButton(QueueChartsPanel &panel, const QString &text) const;

    e2i::PlatformProfile m_profile = FakePlatformHistory::profile();
    MetricsStore m_store;
    e2i::PlatformSample m_last;
};

void tst_QueueChartsPanel::initTestCase()
{
    FakePlatformHistory history(m_profile, 42);
    m_last = history.fill(m_store, kNowMs, kHistorySeconds, 5);
}

QAbstractButton *tst_QueueChartsPanel::windowButton(QueueChartsPanel &panel, const QString &text) const
{
    for (auto *button : panel.findChildren<QAbstractButton *>())
        if (button->text() == text)
            return button;
    return nullptr;
}

void tst_QueueChartsPanel::oneChartPerTierInProfileOrder()
{
    QueueChartsPanel panel;
    panel.setProfile(m_profile);
    QStringList tiers;
    for (const auto *chart : panel.charts())
        tiers.append(chart->tier().name);
    QCOMPARE(tiers, (QStringList{u"light"_s, u"medium"_s, u"heavy"_s}));
    panel.setProfile(m_profile); // a new profile replaces the charts, never adds to them
    QCOMPARE(panel.charts().size(), 3);
    QCOMPARE(panel.findChildren<e2i::TierQueueChart *>().size(), 3);
}

void tst_QueueChartsPanel::windowButtonsSetEveryChart_data()
{
    QTest::addColumn<QString>("button");
    QTest::addColumn<int>("seconds");
    QTest::addRow("5 min") << u"5 min"_s << 300;
    QTest::addRow("6 h") << u"6 h"_s << 21600;
    QTest::addRow("24 h") << u"24 h"_s << 86400;
}

void tst_QueueChartsPanel::windowButtonsSetEveryChart()
{
    QFETCH(QString, button);
    QFETCH(int, seconds);
    QueueChartsPanel panel;
    panel.setProfile(m_profile);
    panel.resize(1000, 800);
    panel.show();
    panel.updateFrom(m_store, m_last);
    QSignalSpy changed(&panel, &QueueChartsPanel::windowChanged);
    QAbstractButton *target = windowButton(panel, button);
    QVERIFY(target);
    QTest::mouseClick(target, Qt::LeftButton);
    QCOMPARE(panel.windowSeconds(), seconds);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toInt(), seconds);
    QVERIFY(target->isChecked());
    // The window asked for, in whole columns (PixelColumnReducer::aligned): at
    // most one column longer, ending in the column of the newest sample.
    for (auto *chart : panel.charts()) {
        const auto span = [chart] { return chart->timeAxis()->max() - chart->timeAxis()->min(); };
        QTRY_VERIFY_WITH_TIMEOUT(span() >= seconds * 1000.0 && span() < seconds * 1000.0 + chart->plotWidthPixels(),
                                 kReplotWaitMs);
        QVERIFY(chart->timeAxis()->max() > double(kNowMs));
        QVERIFY(chart->timeAxis()->max() - double(kNowMs) <= span() / chart->plotWidthPixels());
    }
}

void tst_QueueChartsPanel::altDigitShortcutsPickTheWindow()
{
    QueueChartsPanel panel;
    panel.setProfile(m_profile);
    panel.show();
    panel.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    const std::array<int, 4> expected{300, 3600, 21600, 86400};
    for (int i : {3, 0, 2, 1}) {
        QTest::keyClick(&panel, Qt::Key(Qt::Key_1 + i), Qt::AltModifier);
        // A button's shortcut animates a click, which lands a moment later.
        QTRY_COMPARE_WITH_TIMEOUT(panel.windowSeconds(), expected[std::size_t(i)], kReplotWaitMs);
    }
}

void tst_QueueChartsPanel::windowLabels_data()
{
    QTest::addColumn<int>("seconds");
    QTest::addColumn<QString>("label");
    QTest::addRow("5 min") << 300 << u"last 5 min"_s;
    QTest::addRow("1 h") << 3600 << u"last 1 h"_s;
    QTest::addRow("24 h") << 86400 << u"last 24 h"_s;
    QTest::addRow("90 min, not a choice") << 5400 << u"last 90 min"_s;
    QTest::addRow("odd seconds") << 45 << u"last 45 s"_s;
}

void tst_QueueChartsPanel::windowLabels()
{
    QFETCH(int, seconds);
    QueueChartsPanel panel;
    panel.setWindowSeconds(seconds);
    QTEST(panel.windowLabel(), "label");
    const bool isChoice = std::find(QueueChartsPanel::kWindowChoicesSeconds.begin(),
                                    QueueChartsPanel::kWindowChoicesSeconds.end(), seconds)
        != QueueChartsPanel::kWindowChoicesSeconds.end();
    int checked = 0;
    for (auto *button : panel.findChildren<QAbstractButton *>())
        checked += button->isChecked() ? 1 : 0;
    QCOMPARE(checked, isChoice ? 1 : 0);
}

void tst_QueueChartsPanel::rejectsANonPositiveWindow()
{
    QueueChartsPanel panel;
    QSignalSpy changed(&panel, &QueueChartsPanel::windowChanged);
    QTest::ignoreMessage(QtWarningMsg, "QueueChartsPanel: ignoring a time window of 0 s; it must be positive");
    panel.setWindowSeconds(0);
    QCOMPARE(panel.windowSeconds(), 3600);
    QCOMPARE(changed.count(), 0);
}

void tst_QueueChartsPanel::missingTierFallsBackToTheStore()
{
    QueueChartsPanel panel;
    panel.setProfile(m_profile);
    e2i::PlatformSample redisDown = m_last;
    redisDown.redis.connected = false;
    redisDown.tiers.clear();
    panel.updateFrom(m_store, redisDown);
    panel.replotNow();
    const auto *light = panel.chartForTier(u"light"_s);
    const double replicas = m_store.series(MetricsStore::tierReplicasSeries(u"light"_s))->last().value;
    QCOMPARE(light->scaleUpLine()->at(0).y(), 20.0 * std::max(replicas, 1.0));
}

// A tier heard only live (workers of no compose service, named after their node)
// is in the sample but not in the profile: it gets a chart of its own, after the
// profile's, with its queues as lines and, without a policy, no threshold lines.
void tst_QueueChartsPanel::runtimeTierGetsAChartWithoutLevels()
{
    QueueChartsPanel panel;
    panel.setProfile(m_profile);
    e2i::PlatformSample sample = m_last;
    e2i::TierState adhoc;
    adhoc.name = u"adhoc"_s;
    adhoc.queues = {u"adhoc_jobs"_s};
    adhoc.replicas = 1;
    adhoc.queued = 7;
    adhoc.discovered = true;
    sample.tiers.append(adhoc);
    panel.updateFrom(m_store, sample);
    QCOMPARE(panel.charts().size(), 4);
    const auto *chart = panel.chartForTier(u"adhoc"_s);
    QVERIFY(chart);
    QCOMPARE(panel.charts().last(), chart);
    QVERIFY(chart->tier().discovered);
    QVERIFY(chart->queueSeries(u"adhoc_jobs"_s));
    panel.replotNow();
    QVERIFY(!chart->scaleUpLine()->isVisible());
    QVERIFY(!chart->scaleDownLine()->isVisible());
    QVERIFY(panel.chartForTier(u"light"_s)->scaleUpLine()->isVisible());

    panel.updateFrom(m_store, sample); // seen again: still one chart for it
    QCOMPARE(panel.charts().size(), 4);
}

// A discovered tier's queues are known only once its workers answer: its chart
// draws them from then on, and keeps them while a sample has none (Redis away).
void tst_QueueChartsPanel::discoveredQueuesBecomeLines()
{
    e2i::PlatformProfile profile = m_profile;
    e2i::TierPolicy plain;
    plain.name = u"worker"_s;
    plain.service = u"worker"_s;
    plain.discovered = true;
    profile.discoveredTiers.append(plain);
    QueueChartsPanel panel;
    panel.setProfile(profile);
    QVERIFY(panel.chartForTier(u"worker"_s));
    QVERIFY(panel.chartForTier(u"worker"_s)->tier().queues.isEmpty());

    e2i::PlatformSample sample = m_last;
    e2i::TierState live = e2i::TierState::fromPolicy(plain);
    live.queues = {u"celery"_s, u"reports"_s};
    sample.tiers.append(live);
    panel.updateFrom(m_store, sample);
    const auto *chart = panel.chartForTier(u"worker"_s);
    QCOMPARE(chart->tier().queues, live.queues);
    QVERIFY(chart->queueSeries(u"reports"_s));

    sample.tiers.last().queues.clear();
    panel.updateFrom(m_store, sample);
    QCOMPARE(panel.chartForTier(u"worker"_s)->tier().queues, live.queues);
}

void tst_QueueChartsPanel::rendersDataToPng_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addRow("light theme") << false;
    QTest::addRow("dark theme") << true;
}

void tst_QueueChartsPanel::rendersDataToPng()
{
    QFETCH(bool, dark);
    QueueChartsPanel panel;
    panel.setProfile(m_profile);
    panel.setDarkTheme(dark);
    panel.setWindowSeconds(kHistorySeconds);
    panel.resize(1600, 1000);
    panel.updateFrom(m_store, m_last);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.replotNow();
    QCoreApplication::processEvents();
    panel.replotNow();

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"queue-charts.png"_s);
    QVERIFY(panel.grab().save(path));
    const QImage image(path);
    QCOMPARE(image.size(), QSize(1600, 1000));
    for (auto *chart : panel.charts()) {
        const QRect plot = chart->chart()->plotArea().toRect().translated(chart->mapTo(&panel, QPoint(0, 0)));
        const QRgb background = image.pixel(chart->mapTo(&panel, QPoint(2, 2)));
        const double ink = inkFraction(image, plot.adjusted(2, 2, -2, -2), background);
        QVERIFY2(ink > kMinInkFraction,
                 qPrintable(QStringLiteral("%1: only %2 of the plot is drawn").arg(chart->tier().name).arg(ink)));
    }
    if (qEnvironmentVariableIsSet("E2I_PREVIEW"))
        image.save(dark ? u"/tmp/charts-preview-dark.png"_s : u"/tmp/charts-preview.png"_s);
}

QTEST_MAIN(tst_QueueChartsPanel)
#include "tst_QueueChartsPanel.moc"
