// Benchmark of the dashboard's queue-depth charts on 24 h of 1 s samples.
//  - Frame: every tier chart reduces its series to the plot width, replaces the
//    series' points, and the 1600x1000 panel renders into a QImage.
//    10 queue series + 3 tier totals, 86,400 points each. Goal: < 16 ms.
//  - Memory: resident growth of a MetricsStore holding 24 h of history for
//    10 queues + 3 tiers + 12 services (38 series). Goal: < 200 MB.
//  - Between frames the event loop runs (layout requests, the shown panel's
//    own repaint); its CPU time is reported apart, as it is not part of a frame.
//   bench_queue_charts [--frames N] [--png FILE]   (FILE: the last frame, to look at)
#include "FakePlatformHistory.h"
#include "charts/PixelColumnReducer.h"
#include "charts/QueueChartsPanel.h"
#include "charts/TierQueueChart.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QLineSeries>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <vector>

using Clock = std::chrono::steady_clock;
using e2i::MetricsStore;
using e2i::testing::FakePlatformHistory;

namespace {

constexpr int kDaySeconds = 24 * 3600;
constexpr qint64 kNowMs = 1'795'000'000'000;
constexpr int kWarmUpFrames = 3;

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of this thread, in ms: what a frame costs, whatever else shares the machine.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Resident set size from /proc, in MiB.
double residentMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1.0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return -1.0;
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

    e2i::QueueChartsPanel panel;
    panel.setProfile(profile);
    panel.setWindowSeconds(kDaySeconds);
    panel.resize(1600, 1000);
    panel.show();
    QApplication::processEvents();
    panel.updateFrom(*store, last);
    QImage image(panel.size(), QImage::Format_ARGB32_Premultiplied);

    // The reduction alone, over the same 13 series at the same plot width.
    std::vector<double> reduce;
    const int width = panel.charts().first()->plotWidthPixels();
    const e2i::PixelColumnReducer reducer(kNowMs - kDaySeconds * 1000LL, kNowMs, width);
    for (int i = 0; i < frames; ++i) {
        const auto start = Clock::now();
        qsizetype kept = 0;
        for (const QString &name : store->names())
            if (name.endsWith(u"/depth") || name.endsWith(u"/queued"))
                kept += reducer.reduce(*store->series(name)).size();
        reduce.push_back(msSince(start));
        if (kept == 0)
            return 1;
    }

    std::vector<double> replot, render, total, cpu, replotCpu, eventsCpu;
    for (int i = 0; i < kWarmUpFrames + frames; ++i) {
        const double eventsStart = threadCpuMs();
        QApplication::processEvents();
        const double eventsMs = threadCpuMs() - eventsStart;
        const double cpuStart = threadCpuMs();
        const auto start = Clock::now();
        panel.replotNow();
        const double replotMs = msSince(start);
        const double replotCpuMs = threadCpuMs() - cpuStart;
        const auto renderStart = Clock::now();
        panel.render(&image);
        const double renderMs = msSince(renderStart);
        if (i >= kWarmUpFrames) {
            replot.push_back(replotMs);
            render.push_back(renderMs);
            total.push_back(msSince(start));
            cpu.push_back(threadCpuMs() - cpuStart);
            replotCpu.push_back(replotCpuMs);
            eventsCpu.push_back(eventsMs);
        }
    }
    if (const char *png = optionValue(argc, argv, "--png"); png && !image.save(QString::fromLocal8Bit(png))) {
        std::fprintf(stderr, "bench_queue_charts: cannot write %s\n", png);
        return 1;
    }
    const auto r = statsOf(replot), p = statsOf(render), t = statsOf(total), c = statsOf(cpu), rc = statsOf(replotCpu);
    int points = 0, plotWidth = 0;
    for (auto *chart : panel.charts()) {
        plotWidth = chart->plotWidthPixels();
        for (const QString &queue : chart->tier().queues)
            points += int(chart->queueSeries(queue)->count());
        points += int(chart->totalSeries()->count());
    }
    std::printf("Frame, 24 h window, 13 series (10 queues + 3 totals), panel 1600x1000, plot %d px, "
                "%d points drawn, %d frames:\n", plotWidth, points, frames);
    const auto d = statsOf(reduce);
    std::printf("  reduce only:      median %.2f ms, p95 %.2f ms, max %.2f ms\n", d.median, d.p95, d.max);
    std::printf("  reduce + replace: median %.2f ms, p95 %.2f ms, max %.2f ms\n", r.median, r.p95, r.max);
    std::printf("  render to QImage: median %.2f ms, p95 %.2f ms, max %.2f ms\n", p.median, p.p95, p.max);
    std::printf("  frame total:      median %.2f ms, p95 %.2f ms, max %.2f ms (goal < 16 ms)\n", t.median, t.p95, t.max);
    std::printf("  frame CPU time:   median %.2f ms, p95 %.2f ms, max %.2f ms (this thread only)\n", c.median, c.p95, c.max);
    std::printf("    of which reduce + replace: median %.2f ms, p95 %.2f ms\n", rc.median, rc.p95);
    const auto e = statsOf(eventsCpu);
    std::printf("  event loop between frames, CPU: median %.2f ms, p95 %.2f ms (not in the frame)\n", e.median, e.p95);
    return 0;
}
