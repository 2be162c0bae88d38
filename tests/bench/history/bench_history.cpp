// The history store's figures for the reference platform (resources/platform),
// sampled every second:
//   write:  CPU per sample (flatten + events + one transaction; sealing
//           included as it happens) and disk per day, over `--hours` of samples;
//   load:   the console's 24 h chart window (ChartHistoryLoader) at start;
//   query:  30 days of one tier's depth, from a store filled at one sample a
//           minute for 30 days (the per-minute level's own density);
//   events: every event of 90 days (100 a day... of each kind mixed).
// Usage: bench_history [--hours H] [--dir DIR]   (default 24 h, a temporary dir)
#include "ProcessMeasures.h"
#include "history/ChartHistoryLoader.h"
#include "history/EventDetector.h"
#include "history/EventKinds.h"
#include "history/HistoryStore.h"
#include "history/SampleSeries.h"
#include "history/SqliteDatabase.h"
#include "monitor/PlatformSample.h"
#include "platform/PlatformProfileLoader.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <random>

using namespace e2i;
using bench::cpuSeconds;

namespace {

constexpr qint64 kStart = 1'764'547'200'000; // 2025-12-01T00:00:00Z
constexpr qint64 kSecond = 1000;

qint64 fileBytes(const QString &file)
{
    qint64 total = 0;
    for (const QString &suffix : {QString(), QStringLiteral("-wal")})
        total += QFileInfo(file + suffix).size();
    return total;
}

qint64 checkpointedBytes(const QString &file)
{
    SqliteDatabase db;
    if (!db.open(file, false))
        qFatal("%s", qPrintable(db.errorString()));
    db.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    const qint64 pages = db.scalar(QStringLiteral("PRAGMA page_count"));
    const qint64 free = db.scalar(QStringLiteral("PRAGMA freelist_count"));
    const qint64 pageSize = db.scalar(QStringLiteral("PRAGMA page_size"));
    printf("write: %lld pages of %lld bytes, %lld of them free (reused by later writes)\n", pages, pageSize, free);
    return (pages - free) * pageSize;
}

// One sample of the reference platform: every service, every queue with four
// priority steps, every tier with its workers; depths wander, latencies jitter.
class ReferencePlatform
{
public:
    explicit ReferencePlatform(const PlatformProfile &profile) : m_profile(profile) {}

    PlatformSample sampleAt(qint64 timeMs)
    {
        PlatformSample s;
        s.sampledAt = QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC);
        s.redis.connected = true;
        s.eventsConnected = true;
        for (const ServiceSpec &service : m_profile.services) {
            ServiceHealth h;
            h.name = service.name;
            h.status = HealthStatus::Up;
            h.httpStatus = service.isCeleryWorker() ? 0 : 200;
            h.latencyMs = service.isCeleryWorker() ? -1.0 : std::round(m_latency(m_rng) * 10) / 10;
            h.checkedAt = h.lastChange = s.sampledAt;
            s.services.append(h);
        }
        for (const TierPolicy &tier : m_profile.autoscale.tiers) {
            TierState state;
            state.name = tier.name;
            state.minReplicas = tier.minReplicas;
            state.replicas = tier.minReplicas + int(m_depth % 3);
            for (const QString &queue : tier.queues) {
                QueueDepth q;
                q.name = queue;
                q.tier = tier.name;
                for (int step : {0, 3, 6, 9})
                    q.byPriority.insert(step, qint64(m_walk(m_rng) + 3) % 7 + m_depth % 40);
                for (auto v : q.byPriority)
                    q.depth += v;
                q.unacked = m_depth % 5;
                state.queued += q.depth;
                s.queues.append(q);
            }
            s.tiers.append(state);
        }
        ++m_depth;
        return s;
    }

private:
    const PlatformProfile &m_profile;
    std::mt19937_64 m_rng{42};
    std::normal_distribution<double> m_latency{12.0, 1.5};
    std::uniform_int_distribution<int> m_walk{-1, 1};
    qint64 m_depth = 0;
};

void benchWrite(const QString &file, const PlatformProfile &profile, int hours)
{
    HistoryStore store;
    if (!store.open(file))
        qFatal("%s", qPrintable(store.errorString()));
    ReferencePlatform platform(profile);
    EventDetector detector;
    const qint64 samples = qint64(hours) * 3600;
    std::size_t seriesCount = 0;
    const double cpu0 = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    for (qint64 i = 0; i < samples; ++i) {
        const PlatformSample sample = platform.sampleAt(kStart + i * kSecond);
        const auto values = SampleSeries::flatten(sample, LiveCostRate::Rates{1.234, {}});
        seriesCount = values.size();
        if (!store.appendSample(kStart + i * kSecond, values, detector.detect(sample)))
            qFatal("%s", qPrintable(store.errorString()));
    }
    const double cpu = cpuSeconds() - cpu0;
    const double withWal = double(fileBytes(file));
    // The WAL is a journal that SQLite reuses, not history: measure the
    // database itself after a checkpoint folds the journal in.
    const double bytes = double(checkpointedBytes(file));
    printf("write: before the checkpoint the file and its WAL were %.1f MiB\n", withWal / 1048576);
    printf("write: %lld samples x %zu series: %.3f ms CPU per sample (%.3f ms wall); file %.1f MiB after %d h"
           " = %.1f MiB/day\n",
           samples, seriesCount, 1000 * cpu / double(samples), double(wall.elapsed()) / double(samples), bytes / 1048576,
           hours, bytes / 1048576 * 24 / hours);
}

void benchLoad(const QString &file)
{
    const qint64 end = kStart + 24 * 3600 * kSecond;
    QElapsedTimer wall;
    wall.start();
    QString error;
    const RecordedSeries series = ChartHistoryLoader::load(file, end - 24 * 3600 * kSecond, end, &error);
    std::size_t points = 0;
    for (const auto &s : series)
        points += s.size();
    printf("load: 24 h chart window, %lld series, %zu points in %lld ms\n", qlonglong(series.size()), points,
           qlonglong(wall.elapsed()));
}

void bench30Days(const QString &file, const PlatformProfile &profile)
{
    HistoryStore store;
    if (!store.open(file))
        qFatal("%s", qPrintable(store.errorString()));
    ReferencePlatform platform(profile);
    const qint64 minutes = 30LL * 24 * 60;
    for (qint64 i = 0; i < minutes; ++i)
        store.appendSample(kStart + i * 60 * kSecond, SampleSeries::flatten(platform.sampleAt(kStart + i * 60 * kSecond)));
    for (int i = 0; i < 90 * 100; ++i) // ~100 events a day for 90 days
        store.appendEvent({0, kStart - 60LL * 24 * 3600 * kSecond + i * 864 * kSecond,
                           i % 3 ? EventKinds::ServiceStatus : EventKinds::WorkerLost, QStringLiteral("api"),
                           QStringLiteral("up"), QStringLiteral("down"), QStringLiteral("connection refused")});
    const QString tier = profile.autoscale.tiers.isEmpty() ? QStringLiteral("light") : profile.autoscale.tiers.first().name;
    QElapsedTimer wall;
    wall.start();
    const auto points = store.read(QStringLiteral("tier/") + tier + QStringLiteral("/queued"), kStart, kStart + minutes * 60 * kSecond);
    printf("query: 30 days of tier/%s/queued: %zu points in %lld ms\n", qPrintable(tier), points.size(),
           qlonglong(wall.elapsed()));
    wall.restart();
    const auto events = store.events(kStart - 60LL * 24 * 3600 * kSecond, kStart + minutes * 60 * kSecond);
    printf("events: 90 days, %lld events in %lld ms\n", qlonglong(events.size()), qlonglong(wall.elapsed()));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int hours = 24;
    QString dir;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == u"--hours")
            hours = args[i + 1].toInt();
        if (args[i] == u"--dir")
            dir = args[i + 1];
    }
    QTemporaryDir temporary;
    if (dir.isEmpty())
        dir = temporary.path();
    const QString resources = QStringLiteral(E2I_SOURCE_DIR "/resources/platform/");
    const PlatformProfile profile = PlatformProfileLoader::load(resources + QStringLiteral("docker-compose.yml"),
                                                                resources + QStringLiteral("autoscale.yml"), {});
    benchWrite(QDir(dir).filePath(QStringLiteral("day.sqlite")), profile, hours);
    benchLoad(QDir(dir).filePath(QStringLiteral("day.sqlite")));
    bench30Days(QDir(dir).filePath(QStringLiteral("month.sqlite")), profile);
    return 0;
}
