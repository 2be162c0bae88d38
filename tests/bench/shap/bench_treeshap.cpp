// Google Benchmark of the TreeSHAP kernels on synthetic models (500 random trees on 20
// features, fixed seed), so it needs no Python: rows/s of the fast and classic algorithms at
// depths 4, 8 and 12 on 2 threads, interaction values, the CSV reader on 1 M x 20, and how
// long a cancel takes to stop a run. The XGBoost comparison is bench_vs_xgboost.py.
#include "../../kernels/shap/ShapTestSupport.h"
#include "io/CsvTable.h"
#include "shap/ShapRunner.h"

#include <benchmark/benchmark.h>

#include <atomic>
#include <charconv>
#include <map>
#include <chrono>
#include <string>
#include <thread>

using namespace e2i::kernels;
using namespace e2i::kernels::shap;

namespace {
constexpr int kFeatures = 20;
constexpr int kTrees = 500;
constexpr unsigned kThreads = 2;

const XgbModel &benchModel(int depth)
{
    static std::map<int, XgbModel> models;
    auto it = models.find(depth);
    if (it == models.end()) {
        std::mt19937_64 rng(42 + static_cast<unsigned>(depth));
        std::vector<XgbTree> trees;
        for (int t = 0; t < kTrees; ++t)
            trees.push_back(testing::randomTree(rng, kFeatures, depth));
        it = models.emplace(depth, testing::modelOf(std::move(trees), kFeatures, 0.0)).first;
    }
    return it->second;
}

FeatureMatrix benchRows(std::size_t rows)
{
    std::mt19937_64 rng(7);
    FeatureMatrix data;
    data.features = kFeatures;
    data.rows = rows;
    for (std::size_t r = 0; r < rows; ++r)
        for (const double v : testing::randomRow(rng, kFeatures))
            data.values.push_back(v);
    return data;
}

void runRows(benchmark::State &state, ShapAlgorithm algorithm, bool interactions)
{
    const XgbModel &model = benchModel(static_cast<int>(state.range(0)));
    const FeatureMatrix data = benchRows(static_cast<std::size_t>(state.range(1)));
    ShapOptions options;
    options.algorithm = algorithm;
    options.threads = kThreads;
    options.interactions = interactions;
    for (auto _ : state)
        benchmark::DoNotOptimize(runShap(model, data, options));
    state.counters["rows/s"] = benchmark::Counter(static_cast<double>(data.rows * state.iterations()), benchmark::Counter::kIsRate);
}

void BM_Fast(benchmark::State &state) { runRows(state, ShapAlgorithm::Fast, false); }
void BM_Classic(benchmark::State &state) { runRows(state, ShapAlgorithm::Classic, false); }
void BM_FastInteractions(benchmark::State &state) { runRows(state, ShapAlgorithm::Fast, true); }

// {depth, rows}
BENCHMARK(BM_Fast)->Args({4, 4000})->Args({8, 1000})->Args({12, 100})->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Classic)->Args({4, 4000})->Args({8, 1000})->Args({12, 100})->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FastInteractions)->Args({8, 50})->UseRealTime()->Unit(benchmark::kMillisecond);

// Time from the cancel predicate turning true to runShap returning.
void BM_CancelLatency(benchmark::State &state)
{
    const XgbModel &model = benchModel(8);
    const FeatureMatrix data = benchRows(20000);
    ShapOptions options;
    options.threads = kThreads;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        std::chrono::steady_clock::time_point cancelledAt;
        const auto cancel = [&] {
            if (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(200))
                return false;
            if (cancelledAt == std::chrono::steady_clock::time_point{})
                cancelledAt = std::chrono::steady_clock::now();
            return true;
        };
        try {
            benchmark::DoNotOptimize(runShap(model, data, options, {}, cancel));
            state.SkipWithError("the run finished before the cancel");
            break;
        } catch (const e2i::kernels::Cancelled &) {
        }
        state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - cancelledAt).count());
    }
}
BENCHMARK(BM_CancelLatency)->UseManualTime()->Iterations(5)->Unit(benchmark::kMillisecond);

void BM_CsvRead(benchmark::State &state)
{
    const auto rows = static_cast<std::size_t>(state.range(0));
    std::mt19937_64 rng(3);
    std::normal_distribution<double> normal;
    std::string text;
    for (int c = 0; c < kFeatures; ++c)
        text += (c ? ",f" : "f") + std::to_string(c);
    text += '\n';
    char buffer[32];
    for (std::size_t r = 0; r < rows; ++r)
        for (int c = 0; c < kFeatures; ++c) {
            text.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, static_cast<float>(normal(rng))).ptr);
            text += c + 1 < kFeatures ? ',' : '\n';
        }
    for (auto _ : state)
        benchmark::DoNotOptimize(parseCsv(text));
    state.counters["MB/s"] = benchmark::Counter(static_cast<double>(text.size() * state.iterations()) / 1e6, benchmark::Counter::kIsRate);
}
// CPU is the whole process's (the parse runs on every core), so it stays comparable under load.
BENCHMARK(BM_CsvRead)->Arg(1000000)->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond)->Iterations(3);
} // namespace

BENCHMARK_MAIN();
