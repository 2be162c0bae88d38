// The Autoscale tab's what-if on the longest console history it offers: 24 h of
// 1 Hz queue depths for the platform's 9 queues. Measures the copy out of the store
// (GUI thread), the conversion to a DepthTrace and the two policy replays (worker).
#include "autoscale/DepthHistory.h"
#include "monitor/MetricsStore.h"
#include "platform/PlatformProfileLoader.h"
#include "policy/WhatIfSimulator.h"

#include <benchmark/benchmark.h>

#include <map>
#include <random>

using namespace e2i;

namespace {

constexpr qint64 kT0Ms = 1795442400000;
constexpr int kSeconds = 24 * 3600;

const AutoscalePolicy &policy()
{
    static const AutoscalePolicy loaded = [] {
        Diagnostics diagnostics;
        return PlatformProfileLoader::loadAutoscale(QStringLiteral(E2I_SOURCE_DIR "/resources/platform/autoscale.yml"), diagnostics);
    }();
    return loaded;
}

QStringList queues()
{
    QStringList names;
    for (const TierPolicy &tier : policy().tiers)
        names << tier.queues;
    return names;
}

// A random walk per queue (fixed seed) that takes a step every `stepSeconds`:
// 1 is the worst case (a new depth every sample), 30 is closer to real queues.
const MetricsStore &store(int stepSeconds)
{
    static std::map<int, MetricsStore> filled;
    if (const auto found = filled.find(stepSeconds); found != filled.end())
        return found->second;
    MetricsStore &s = filled[stepSeconds];
    std::mt19937 random(20261123);
    std::uniform_int_distribution<int> step(-2, 2);
    for (const QString &queue : queues()) {
        const QString name = MetricsStore::queueDepthSeries(queue);
        int depth = 0;
        for (int second = 0; second < kSeconds; ++second) {
            if (second % stepSeconds == 0)
                depth = std::max(0, depth + step(random));
            s.append(name, kT0Ms + second * 1000LL, depth);
        }
    }
    return s;
}

void captureFromStore(benchmark::State &state)
{
    const MetricsStore &s = store(int(state.range(0)));
    const QStringList names = queues();
    for (auto _ : state)
        benchmark::DoNotOptimize(DepthHistory::capture(s, names, kT0Ms, kT0Ms + kSeconds * 1000LL));
}

void historyToTrace(benchmark::State &state)
{
    const DepthHistory history = DepthHistory::capture(store(int(state.range(0))), queues(), kT0Ms, kT0Ms + kSeconds * 1000LL);
    for (auto _ : state) {
        Diagnostics diagnostics;
        benchmark::DoNotOptimize(history.toTrace(&diagnostics));
    }
}

void replayBothPolicies(benchmark::State &state)
{
    Diagnostics diagnostics;
    const auto trace = DepthHistory::capture(store(int(state.range(0))), queues(), kT0Ms, kT0Ms + kSeconds * 1000LL).toTrace(&diagnostics);
    WhatIfOptions options;
    for (const TierPolicy &tier : policy().tiers)
        options.tasksPerReplicaPerMinute.insert(tier.name, 30.0);
    for (auto _ : state) {
        benchmark::DoNotOptimize(WhatIfSimulator::run(policy(), *trace, options));
        benchmark::DoNotOptimize(WhatIfSimulator::run(policy(), *trace, options));
    }
}

} // namespace

BENCHMARK(captureFromStore)->Arg(1)->Arg(30)->Unit(benchmark::kMillisecond);
BENCHMARK(historyToTrace)->Arg(1)->Arg(30)->Unit(benchmark::kMillisecond);
BENCHMARK(replayBothPolicies)->Arg(1)->Arg(30)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
