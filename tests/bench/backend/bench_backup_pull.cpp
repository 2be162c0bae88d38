// Backup throughput: ReplicationPuller (the console's RDB pull) against
// `redis-cli --rdb` on the same redis-server and dataset, on loopback, and the
// console's event-loop latency while a BackupRunner pulls on a worker thread.
//
// Usage: bench_backup_pull [MiB=1024] [repetitions=3]
// The dataset is made with DEBUG POPULATE (1 KiB values) and dumped with
// rdbcompression off, so the RDB is about as large as the dataset; both
// clients get the same diskless transfer (repl-diskless-sync-delay 0).
#include "RedisServerProcess.h"
#include "backup/BackupRunner.h"
#include "backup/ReplicationPuller.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace e2i;
using e2i::test::RedisServerProcess;

namespace {

constexpr int kValueBytes = 1024;
constexpr int kTickMs = 10; // the GUI's timer granularity we want to keep
constexpr double kMiB = 1024.0 * 1024.0;

struct Run {
    double seconds = 0;
    qint64 bytes = 0;
    double mibPerSecond() const { return bytes / kMiB / seconds; }
};

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

Run pullWithConsole(int port, const QString &path)
{
    RedisEndpoint source;
    source.url.port = port;
    source.timeoutMs = 5'000;
    const std::atomic_bool notCancelled{false};
    QElapsedTimer clock;
    clock.start();
    const PullResult result = ReplicationPuller::pull(source, path, 60'000, notCancelled);
    const Run run{clock.nsecsElapsed() / 1e9, result.bytes};
    if (!result.ok)
        std::fprintf(stderr, "console pull failed: %s\n", qPrintable(result.error));
    QFile::remove(path);
    return run;
}

Run pullWithRedisCli(int port, const QString &path)
{
    QElapsedTimer clock;
    clock.start();
    QProcess cli;
    cli.start(QStringLiteral("redis-cli"), {QStringLiteral("-p"), QString::number(port), QStringLiteral("--rdb"), path});
    cli.waitForFinished(-1);
    const Run run{clock.nsecsElapsed() / 1e9, QFileInfo(path).size()};
    if (cli.exitCode() != 0)
        std::fprintf(stderr, "redis-cli --rdb failed: %s\n", cli.readAllStandardError().constData());
    QFile::remove(path);
    return run;
}

// Runs a backup on a worker thread, as the GUI does, and measures how late a
// kTickMs timer on this thread fires meanwhile.
void measureResponsiveness(int port, const QString &directory)
{
    BackupSettings settings;
    settings.directory = directory;
    BackupTarget target;
    target.name = QStringLiteral("redis");
    target.kind = BackupTarget::Kind::RedisRdb;
    target.redis.url.port = port;
    settings.targets = {target};
    QThread worker;
    auto *runner = new BackupRunner(settings);
    runner->moveToThread(&worker);
    QObject::connect(&worker, &QThread::finished, runner, &QObject::deleteLater);
    worker.start();

    QElapsedTimer sinceTick;
    qint64 worstLatenessMs = 0;
    int ticks = 0;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &tick, [&] {
        worstLatenessMs = qMax(worstLatenessMs, sinceTick.elapsed() - kTickMs);
        sinceTick.restart();
        ++ticks;
    });
    QObject::connect(runner, &BackupRunner::runFinished, &tick, [] { QCoreApplication::quit(); });
    QObject::connect(runner, &BackupRunner::failed, &tick, [](const QString &, const QString &message) {
        std::fprintf(stderr, "backup failed: %s\n", qPrintable(message));
    });
    sinceTick.start();
    tick.start(kTickMs);
    QMetaObject::invokeMethod(runner, "run", Qt::QueuedConnection, Q_ARG(QStringList, QStringList()));
    QCoreApplication::exec();
    worker.quit();
    worker.wait();
    std::printf("responsiveness: %d ticks of %d ms during pull + verify; worst lateness %lld ms\n", ticks, kTickMs, worstLatenessMs);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int mib = argc > 1 ? std::atoi(argv[1]) : 1024;
    const int repetitions = argc > 2 ? std::atoi(argv[2]) : 3;
    RedisServerProcess server({QStringLiteral("enable-debug-command yes"), QStringLiteral("rdbcompression no"),
                               QStringLiteral("repl-diskless-sync yes"), QStringLiteral("repl-diskless-sync-delay 0")});
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const qint64 keys = qint64(mib) * 1024 * 1024 / kValueBytes;
    QElapsedTimer loading;
    loading.start();
    server.cli({QStringLiteral("DEBUG"), QStringLiteral("POPULATE"), QString::number(keys), QStringLiteral("key"), QString::number(kValueBytes)}, -1);
    std::printf("dataset: %lld keys x %d B (%d MiB) loaded in %.1f s\n", keys, kValueBytes, mib, loading.elapsed() / 1000.0);

    QTemporaryDir dir;
    QList<double> console, cli;
    for (int i = 0; i < repetitions; ++i) {
        const Run ours = pullWithConsole(server.port(), dir.filePath(QStringLiteral("console.rdb")));
        const Run theirs = pullWithRedisCli(server.port(), dir.filePath(QStringLiteral("cli.rdb")));
        std::printf("run %d: console %lld B in %.2f s = %.0f MiB/s; redis-cli --rdb %lld B in %.2f s = %.0f MiB/s\n", i + 1,
                    ours.bytes, ours.seconds, ours.mibPerSecond(), theirs.bytes, theirs.seconds, theirs.mibPerSecond());
        console.append(ours.mibPerSecond());
        cli.append(theirs.mibPerSecond());
    }
    std::printf("median: console %.0f MiB/s, redis-cli --rdb %.0f MiB/s, ratio %.2f\n", median(console), median(cli), median(console) / median(cli));
    measureResponsiveness(server.port(), dir.filePath(QStringLiteral("catalog")));
    return 0;
}
