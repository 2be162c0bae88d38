// Benchmark: linear estimator + placebo, random common cause, subset and bootstrap
// refuters (100 simulations each) on 1 M rows x 20 common causes, 2 threads; the latency of
// a cancel; and, with --baseline SCRIPT, the DoWhy-style statsmodels baseline measured in
// the same run and scaled to the same size.
//   bench_causal_refute [--rows N] [--common-causes P] [--simulations S] [--threads T]
//                       [--breakdown] [--baseline tests/bench/causal/dowhy_style_baseline.py]
//                       [--effects FILE]
// --effects writes every simulated effect of the timed run, one per line with all 17 digits,
// so that two builds' results can be compared exactly (`cmp`).
#include "causal/LinearEstimator.h"
#include "causal/RandomStream.h"
#include "causal/RefutationRunner.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <cstring>
#include <string>
#include <thread>

using namespace e2i::kernels::causal;
using Clock = std::chrono::steady_clock;

namespace {

struct Settings {
    std::size_t rows = 1'000'000;
    std::size_t commonCauses = 20;
    std::size_t simulations = 100;
    unsigned threads = 2;
    bool breakdown = false;
    std::string baseline;
    std::size_t baselineRows = 20'000;
    std::string effectsFile;
};

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

CausalData makeData(const Settings &s)
{
    RandomStream rng(2026, 0, 0);
    const std::size_t n = s.rows, p = s.commonCauses;
    std::vector<double> x(n * p), t(n), y(n);
    rng.fillNormal(x);
    rng.fillNormal(t);
    rng.fillNormal(y);
    CausalSpec spec{"t", "y", {}};
    for (std::size_t j = 0; j < p; ++j)
        spec.commonCauses.push_back("x" + std::to_string(j));
    for (std::size_t i = 0; i < n; ++i) {
        double drive = 0.0, outcome = 0.0;
        for (std::size_t j = 0; j < p; ++j) {
            drive += (j % 3 == 0 ? 0.2 : 0.0) * x[j * n + i];
            outcome += 0.1 * static_cast<double>(j % 5) * x[j * n + i];
        }
        t[i] = drive + t[i] > 0.0 ? 1.0 : 0.0;
        y[i] += 1.0 * t[i] + outcome;
    }
    return makeCausalData(spec, std::move(t), std::move(y), std::move(x));
}

Settings parse(int argc, char **argv)
{
    Settings s;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (arg == "--rows") s.rows = std::stoul(next());
        else if (arg == "--common-causes") s.commonCauses = std::stoul(next());
        else if (arg == "--simulations") s.simulations = std::stoul(next());
        else if (arg == "--threads") s.threads = static_cast<unsigned>(std::stoul(next()));
        else if (arg == "--breakdown") s.breakdown = true;
        else if (arg == "--baseline") s.baseline = next();
        else if (arg == "--baseline-rows") s.baselineRows = std::stoul(next());
        else if (arg == "--effects") s.effectsFile = next();
    }
    return s;
}

const std::vector<RefuterKind> kBenchRefuters{RefuterKind::Placebo, RefuterKind::RandomCommonCause,
                                              RefuterKind::Subset, RefuterKind::Bootstrap};

// Process CPU seconds (all threads): on a shared, overloaded machine wall time overstates
// the cost, CPU time does not.
double cpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

struct Timing {
    double wall;
    double cpu;
};

void writeEffects(const RefutationReport &report, const std::string &path)
{
    FILE *file = std::fopen(path.c_str(), "w");
    if (!file) {
        std::fprintf(stderr, "cannot write %s\n", path.c_str());
        std::exit(1);
    }
    for (const Refutation &r : report.refutations)
        for (const double effect : r.simulatedEffects)
            std::fprintf(file, "%s %.17g\n", refuterName(r.kind).c_str(), effect);
    std::fclose(file);
}

Timing timeRun(const CausalData &data, const Settings &s, std::vector<RefuterKind> refuters,
               const std::string &effectsFile = {})
{
    RefutationRequest request;
    request.refuters = std::move(refuters);
    request.simulations = s.simulations;
    request.threads = s.threads;
    const auto start = Clock::now();
    const double cpuStart = cpuSeconds();
    const RefutationReport report = runRefutation(data, request);
    const Timing timing{secondsSince(start), cpuSeconds() - cpuStart};
    for (const Refutation &r : report.refutations)
        std::printf("    %-20s new effect %.5f (sd %.5f) p %.2f %s\n", refuterName(r.kind).c_str(), r.newEffect,
                    r.newEffectStd, r.pValue.value_or(-1.0), r.passed ? "pass" : "FAIL");
    if (!effectsFile.empty())
        writeEffects(report, effectsFile);
    return timing;
}

// Time from the cancel request (made once simulations are running) to runRefutation's return.
double cancelLatency(const CausalData &data, const Settings &s)
{
    RefutationRequest request;
    request.refuters = {RefuterKind::Bootstrap};
    request.simulations = 10'000;
    request.threads = s.threads;
    bool cancel = false;
    Clock::time_point cancelAt;
    try {
        runRefutation(
            data, request,
            [&](std::size_t done, std::size_t) {
                if (done >= 2 && !cancel) {
                    cancel = true;
                    cancelAt = Clock::now();
                }
            },
            [&] { return cancel; });
    } catch (const e2i::kernels::Cancelled &) {
        return secondsSince(cancelAt);
    }
    return -1.0; // finished before the cancel was seen

}

// Runs the Python baseline; it prints "SECONDS_PER_FULL_RUN <wall> <cpu>" (projected) last.
Timing runBaseline(const Settings &s)
{
    const std::string command = "/usr/bin/python3 " + s.baseline + " --rows " + std::to_string(s.baselineRows) +
                                " --common-causes " + std::to_string(s.commonCauses) + " --scale-rows " +
                                std::to_string(s.rows) + " --simulations " + std::to_string(s.simulations);
    std::printf("\nbaseline: %s\n", command.c_str());
    std::fflush(stdout);
    FILE *pipe = popen(command.c_str(), "r");
    if (!pipe)
        return {-1.0, -1.0};
    char line[512];
    Timing projected{-1.0, -1.0};
    while (std::fgets(line, sizeof line, pipe)) {
        std::fputs(line, stdout);
        if (std::strncmp(line, "SECONDS_PER_FULL_RUN ", 21) == 0)
            std::sscanf(line + 21, "%lf %lf", &projected.wall, &projected.cpu);
    }
    pclose(pipe);
    return projected;
}

} // namespace

int main(int argc, char **argv)
{
    const Settings s = parse(argc, argv);
    std::printf("causal refute benchmark: %zu rows x %zu common causes, %zu simulations per refuter, %u threads, %u cores\n",
                s.rows, s.commonCauses, s.simulations, s.threads, std::thread::hardware_concurrency());
    auto start = Clock::now();
    const CausalData data = makeData(s);
    std::printf("  data generation          %8.3f s (not counted)\n", secondsSince(start));

    start = Clock::now();
    const EffectEstimate estimate = estimateLinear(data);
    std::printf("  linear estimate (QR)     %8.3f s  effect %.5f se %.5f\n", secondsSince(start), estimate.effect, estimate.stdError);

    std::printf("  estimate + placebo + random_common_cause + subset + bootstrap:\n");
    const Timing total = timeRun(data, s, kBenchRefuters, s.effectsFile);
    std::printf("  TOTAL                    %8.3f s wall, %8.3f s CPU (goal < 4 s wall)\n", total.wall, total.cpu);
    std::fflush(stdout);
    if (s.breakdown)
        for (const RefuterKind kind : kBenchRefuters) {
            const Timing t = timeRun(data, s, {kind});
            std::printf("  %-24s %8.3f s wall, %8.3f s CPU (including the estimate)\n", refuterName(kind).c_str(), t.wall, t.cpu);
            std::fflush(stdout);
        }
    std::printf("  cancel latency           %8.3f s (goal < 0.1 s)\n", cancelLatency(data, s));

    if (!s.baseline.empty()) {
        const Timing baseline = runBaseline(s);
        if (baseline.wall > 0.0)
            std::printf("\nSIDE BY SIDE: native %.3f s wall / %.3f s CPU; DoWhy-style statsmodels baseline %.1f s wall / %.1f s CPU "
                        "(projected); speed-up %.0fx wall, %.0fx CPU (goal >= 100x)\n",
                        total.wall, total.cpu, baseline.wall, baseline.cpu, baseline.wall / total.wall, baseline.cpu / total.cpu);
    }
    return 0;
}
