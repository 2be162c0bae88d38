// Benchmark of the dashboard's queue-depth charts on 24 h of 1 s samples, panel
// 1600x1000, 10 queue series + 3 tier totals, 86,400 points each.
//  - Live frames: each frame records one more sample (1 s later), every tier
//    chart replots (reduce to the plot width, axes, data layer) and the panel
//    is drawn, in two runs:
//      snapshot:  render into a QImage (the whole panel, what a snapshot pays);
//      on screen: the shown window's repaint through the event loop.
//    A frame whose sample opens a new pixel column moves the window on by a
//    column and scrolls the data images; every frame redraws the bands where
//    the data changed (the newest column, the oldest as history drops off).
//  - Whole frames: every chart's data image is redrawn in full each frame
//    (the cost after a resize, a theme change or a new value range), rendered
//    into a QImage.
//  Goal: < 16 ms per frame.
//  - Memory: resident growth of a MetricsStore holding 24 h of history for
//    10 queues + 3 tiers + 12 services (38 series). Goal: < 200 MB.
//   bench_queue_charts [--frames N] [--png FILE]
//     --png FILE  the last snapshot frame, to look at.
#include "FakePlatformHistory.h"
#include "ProcessMeasures.h"
#include "charts/PixelColumnReducer.h"
#include "charts/QueueChartsPanel.h"
#include "charts/QueueLinesLayer.h"
#include "charts/TierQueueChart.h"

#include <QApplication>
#include <QChart>
#include <QImage>
#include <QChartView>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

using Clock = std::chrono::steady_clock;
using e2i::MetricsStore;
using e2i::QueueChartsPanel;
using e2i::testing::FakePlatformHistory;
using e2i::bench::residentMiB;
using e2i::bench::threadCpuMs;

namespace {

constexpr int kDaySeconds = 24 * 3600;
constexpr qint64 kNowMs = 1'795'000'000'000;
constexpr int kWarmUpFrames = 3;

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Stats {
    double median = 0.0;
    double p95 = 0.0;
    double max = 0.0;
};

Stats statsOf(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    const auto at = [&](double q) { return samples[std::size_t(q * double(samples.size() - 1))]; };
    return {at(0.5), at(0.95), samples.back()};
}

void printStats(const char *label, const std::vector<double> &samples, const char *note = "")
{
    const Stats s = statsOf(samples);
    std::printf("  %-26s median %6.2f ms, p95 %6.2f ms, max %6.2f ms%s\n", label, s.median, s.p95, s.max, note);
}

const char *optionValue(int argc, char **argv, const char *option)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], option) == 0)
            return argv[i + 1];
    return nullptr;
}

int framesFromArgs(int argc, char **argv)
{
    const char *frames = optionValue(argc, argv, "--frames");
    return frames ? std::max(1, std::atoi(frames)) : 50;
}

// Paint events of the charts' views: a replot should cost each view one paint.
class PaintCounter : public QObject
{
public:
    explicit PaintCounter(const QueueChartsPanel &panel)
    {
        for (QChartView *view : panel.findChildren<QChartView *>())
            view->viewport()->installEventFilter(this);
    }
    int paints() const { return m_paints; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        m_paints += event->type() == QEvent::Paint ? 1 : 0;
        return QObject::eventFilter(watched, event);
    }

private:
    int m_paints = 0;
};

struct FrameTimes {
    std::vector<double> replot, draw, wall, cpu;
    int wholeRedraws = 0; // frames in which some chart redrew its whole data image
    int scrolls = 0;      // frames in which some chart's window moved on by a column
};

// One more sample every frame, as the monitor delivers them.
class LiveFeed
{
public:
    LiveFeed(QueueChartsPanel &panel, MetricsStore &store, FakePlatformHistory &history, qint64 lastMs)
        : m_panel(panel), m_store(store), m_history(history), m_lastMs(lastMs) {}
    void next()
    {
        m_lastMs += 1000;
        m_panel.updateFrom(m_store, m_history.fill(m_store, m_lastMs, 0, 1));
    }

private:
    QueueChartsPanel &m_panel;
    MetricsStore &m_store;
    FakePlatformHistory &m_history;
    qint64 m_lastMs;
};

bool anyWholeRedraw(const QueueChartsPanel &panel)
{
    for (const e2i::TierQueueChart *chart : panel.charts())
        if (chart->dataLayer()->lastRedrewWhole())
            return true;
    return false;
}

bool anyScroll(const QueueChartsPanel &panel)
{
    for (const e2i::TierQueueChart *chart : panel.charts())
        if (chart->dataLayer()->lastScrollPixels() > 0)
            return true;
    return false;
}

// Runs `frames` frames of before + replot + draw after kWarmUpFrames unrecorded
// ones; `before` (a new sample, or nothing) is not timed.
FrameTimes timeFrames(QueueChartsPanel &panel, int frames, const std::function<void()> &before,
                      const std::function<void()> &draw)
{
    FrameTimes times;
    for (int i = 0; i < kWarmUpFrames + frames; ++i) {
        QApplication::processEvents(); // layout requests and the like, not part of a frame
        before();
        const double cpuStart = threadCpuMs();
        const auto start = Clock::now();
        panel.replotNow();
        const double replotMs = msSince(start);
        const auto drawStart = Clock::now();
        draw();
        if (i < kWarmUpFrames)
            continue;
        times.replot.push_back(replotMs);
        times.draw.push_back(msSince(drawStart));
        times.wall.push_back(msSince(start));
        times.cpu.push_back(threadCpuMs() - cpuStart);
        times.wholeRedraws += anyWholeRedraw(panel) ? 1 : 0;
        times.scrolls += anyScroll(panel) ? 1 : 0;
    }
    return times;
}

void printFrames(const char *title, const char *drawLabel, const FrameTimes &times)
{
    std::printf(" %s\n  of %zu frames, %d scrolled a data image, %d redrew one whole\n", title, times.wall.size(),
                times.scrolls, times.wholeRedraws);
    printStats("replot (reduce + axes + layer):", times.replot);
    printStats(drawLabel, times.draw);
    printStats("frame wall:", times.wall, " (goal < 16 ms)");
    printStats("frame CPU:", times.cpu);
}

void invalidateDataLayers(QueueChartsPanel &panel)
{
    for (e2i::TierQueueChart *chart : panel.charts())
        chart->dataLayer()->invalidate();
}

void reportReduction(const MetricsStore &store, qint64 nowMs, int width, int frames)
{
    std::vector<double> reduce;
    const auto reducer = e2i::PixelColumnReducer::aligned(nowMs, kDaySeconds * 1000LL, width);
    for (int i = 0; i < frames; ++i) {
        const auto start = Clock::now();
        qsizetype kept = 0;
        for (const QString &name : store.names())
            if (name.endsWith(u"/depth") || name.endsWith(u"/queued"))
                kept += reducer.reduce(*store.series(name)).size();
        reduce.push_back(msSince(start));
        if (kept == 0)
            std::printf("  (the reduction kept no points)\n");
    }
    printStats("reduce only, 13 series:", reduce);
}

void reportDrawnPoints(const QueueChartsPanel &panel, int frames)
{
    qsizetype points = 0;
    int plotWidth = 0;
    for (const e2i::TierQueueChart *chart : panel.charts()) {
        plotWidth = chart->plotWidthPixels();
        for (const e2i::QueueLinesLayer::Line &line : chart->dataLayer()->lines())
            points += line.points.size();
    }
    std::printf("Frames, 24 h window, 13 series (10 queues + 3 totals), panel 1600x1000, plot %d px, "
                "%lld points drawn, %d frames each:\n", plotWidth, static_cast<long long>(points), frames);
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int frames = framesFromArgs(argc, argv);

    const e2i::PlatformProfile profile = FakePlatformHistory::profile(1); // ten queues
    const double rssBefore = residentMiB();
    // Declared before the panel, which reads it until it is destroyed.
    const auto store = std::make_unique<MetricsStore>(); // 86,400 points per series: 24 h at 1 s
    const auto fillStart = Clock::now();
    FakePlatformHistory history(profile, 7);
    const e2i::PlatformSample last = history.fill(*store, kNowMs, kDaySeconds - 1, 1);
    const double fillMs = msSince(fillStart);
    const double rssAfter = residentMiB();
    std::printf("MetricsStore, 24 h x 1 s: %lld series x %zu points, filled in %.0f ms\n",
                static_cast<long long>(store->names().size()), store->pointsPerSeries(), fillMs);
    std::printf("  resident memory: %.1f MiB before, %.1f MiB after: %.1f MiB for the store (goal < 200 MB)\n",
                rssBefore, rssAfter, rssAfter - rssBefore);

    QueueChartsPanel panel;
    panel.setProfile(profile);
    panel.setWindowSeconds(kDaySeconds);
    panel.resize(1600, 1000);
    panel.show();
    QApplication::processEvents();
    panel.updateFrom(*store, last);
    panel.replotNow();
    QApplication::processEvents();

    LiveFeed feed(panel, *store, history, kNowMs);
    QImage image(panel.size(), QImage::Format_ARGB32_Premultiplied);
    const auto render = [&] { panel.render(&image); };
    const FrameTimes liveSnapshot = timeFrames(panel, frames, [&] { feed.next(); }, render);
    const PaintCounter counter(panel);
    // What a shown window does after a replot: the charts' graphics views
    // paint on the update requests their scenes post. (QWidget::repaint()
    // would return without painting them.)
    const FrameTimes liveOnScreen = timeFrames(panel, frames, [&] { feed.next(); }, [] { QApplication::processEvents(); });
    const int onScreenPaints = counter.paints();
    const FrameTimes whole = timeFrames(panel, frames, [&] { invalidateDataLayers(panel); }, render);
    if (const char *png = optionValue(argc, argv, "--png"); png && !image.save(QString::fromLocal8Bit(png))) {
        std::fprintf(stderr, "bench_queue_charts: cannot write %s\n", png);
        return 1;
    }
    reportDrawnPoints(panel, frames);
    reportReduction(*store, kNowMs, panel.charts().first()->plotWidthPixels(), frames);
    printFrames("live frame, snapshot (new sample + replot + render into a QImage):", "render into QImage:", liveSnapshot);
    printFrames("live frame, on screen (new sample + replot + event-loop repaint):", "repaint:", liveOnScreen);
    std::printf("  chart view paints per frame: %.1f (%lld views)\n",
                double(onScreenPaints) / double(kWarmUpFrames + frames),
                static_cast<long long>(panel.findChildren<QChartView *>().size()));
    printFrames("whole frame (every data image redrawn + render into a QImage):", "render into QImage:", whole);
    return 0;
}
