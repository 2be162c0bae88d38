#include "RefutationRunner.h"

#include "PropensityEstimator.h"
#include "TallSkinnyQr.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <span>
#include <string>

namespace e2i::kernels::causal {
namespace {

// A run of simulations of one refuter, as many as share a pass over the data (batchSize).
struct Task {
    std::size_t refutation;
    std::size_t firstSimulation;
    std::size_t count;
};

std::vector<Task> buildTasks(const RefuterSimulator &simulator, const std::vector<Refutation> &refutations)
{
    std::vector<Task> tasks;
    for (std::size_t r = 0; r < refutations.size(); ++r) {
        const std::size_t total = simulator.simulationCount(refutations[r].kind);
        const std::size_t batch = simulator.batchSize(refutations[r].kind);
        for (std::size_t s = 0; s < total; s += batch)
            tasks.push_back({r, s, std::min(batch, total - s)});
    }
    return tasks;
}

// Every simulation writes its own slot, and a batch's values equal its simulations' one at a
// time, so the effects do not depend on the thread count.
void runSimulations(const RefuterSimulator &simulator, std::vector<Refutation> &refutations, unsigned threads,
                    const ProgressCallback &progress, const CancelPredicate &cancelled)
{
    const std::vector<Task> tasks = buildTasks(simulator, refutations);
    const ParallelPlan plan{tasks.size(), 1, std::clamp(threads, 1U, kMaxRefutationThreads)};
    runInParallel(
        plan,
        [&]() -> BlockWork {
            auto workspace = std::make_shared<RefuterSimulator::Workspace>(simulator.makeWorkspace());
            return [&, workspace](std::size_t first, std::size_t last, const std::atomic<bool> &stop) {
                for (std::size_t k = first; k < last; ++k) {
                    const Task &task = tasks[k];
                    Refutation &r = refutations[task.refutation];
                    const std::span<double> effects(r.simulatedEffects.data() + task.firstSimulation, task.count);
                    simulator.simulateBatch(r.kind, task.firstSimulation, effects, *workspace, &stop);
                }
            };
        },
        progress, cancelled);
}

void requireSimulationsInRange(std::size_t simulations)
{
    if (simulations < kMinRefutationSimulations || simulations > kMaxRefutationSimulations)
        throw CausalInputError("refutation: " + std::to_string(simulations) + " simulations requested; between "
                               + std::to_string(kMinRefutationSimulations) + " and "
                               + std::to_string(kMaxRefutationSimulations) + " are supported");
}

// What to tell a user whose numbers overflowed: the data's scale, and what to do about it.
std::string rescalingAdvice(const CausalData &data)
{
    const auto largest = [](const std::vector<double> &values) {
        double m = 0.0;
        for (const double v : values)
            m = std::max(m, std::abs(v));
        return m;
    };
    char scale[160];
    std::snprintf(scale, sizeof scale, " (largest |outcome| %.3g, |treatment| %.3g)", largest(data.outcome),
                  largest(data.treatment));
    return std::string(scale) + ": the values are too large (or too spread) for double-precision sums of squares; "
                                "rescale the outcome and treatment (e.g. to thousands or standard units) and run again";
}

void requireFinite(double value, const std::string &what, const CausalData &data)
{
    if (!std::isfinite(value))
        throw CausalInputError(what + " is not finite (" + std::to_string(value) + ")" + rescalingAdvice(data));
}

void requireFiniteEstimate(const RefutationReport &report, const CausalData &data)
{
    const EffectEstimate &e = report.estimate;
    const std::string name = estimatorName(e.estimator) + " estimate: ";
    requireFinite(e.effect, name + "the effect", data);
    requireFinite(e.stdError, name + "the standard error", data);
    requireFinite(e.ciLow, name + "the confidence interval", data);
    requireFinite(e.ciHigh, name + "the confidence interval", data);
    if (report.att)
        requireFinite(*report.att, name + "the ATT", data);
    if (report.atc)
        requireFinite(*report.atc, name + "the ATC", data);
}

// Undefined refits (NaN by design) are excluded and counted; an infinite simulated effect can
// only be an overflow, and a refuter with no finite effect at all has no answer to print.
void requireFiniteRefutation(const Refutation &r, const CausalData &data)
{
    const std::string name = "refuter " + refuterName(r.kind) + ": ";
    const auto infinite = std::count_if(r.simulatedEffects.begin(), r.simulatedEffects.end(),
                                        [](double v) { return std::isinf(v); });
    if (infinite > 0)
        throw CausalInputError(name + std::to_string(infinite) + " of " + std::to_string(r.simulations)
                               + " simulated effects overflowed to infinity" + rescalingAdvice(data));
    if (r.failedSimulations == r.simulations)
        throw CausalInputError(name + "no simulation gave a finite effect (every refit was undefined or overflowed)"
                               + rescalingAdvice(data));
    requireFinite(r.newEffect, name + "the mean simulated effect", data);
    requireFinite(r.newEffectStd, name + "the simulated effects' standard deviation", data);
}

} // namespace

RefutationReport runRefutation(const CausalData &data, const RefutationRequest &request,
                               const ProgressCallback &progress, const CancelPredicate &cancelled)
{
    requireSimulationsInRange(request.simulations);
    RefutationReport report;
    report.estimate = estimateEffect(data, request.estimator, cancelled);
    if (request.estimator == EstimatorKind::Ipw) {
        const PropensityEffects effects = estimatePropensityWeighting(data);
        report.att = effects.att;
        report.atc = effects.atc;
    }
    requireFiniteEstimate(report, data);
    if (request.estimator == EstimatorKind::Linear)
        report.sensitivity = linearSensitivity(report.estimate);

    // The fast path's setup below is one more pass over the data: skip it after a cancel.
    if (cancelled && cancelled())
        throw Cancelled();
    SimulatorSettings settings;
    settings.estimator = request.estimator;
    settings.seed = request.seed;
    settings.simulations = request.simulations;
    settings.placeboType = request.placeboType;
    settings.originalEffect = report.estimate.effect;
    settings.threads = std::clamp(request.threads, 1U, kMaxRefutationThreads);
    const RefuterSimulator simulator(data, settings);

    for (const RefuterKind kind : request.refuters) {
        Refutation r;
        r.kind = kind;
        r.originalEffect = report.estimate.effect;
        r.referenceEffect = (kind == RefuterKind::Placebo || kind == RefuterKind::DummyOutcome) ? 0.0 : r.originalEffect;
        r.simulatedEffects.assign(simulator.simulationCount(kind), std::numeric_limits<double>::quiet_NaN());
        if (kind == RefuterKind::UnobservedCommonCause)
            r.strengthGrid = simulator.strengthGrid();
        report.refutations.push_back(std::move(r));
    }
    // The runner asks `cancelled` once more before the first simulation: the estimate and the
    // refit structures above are not interruptible.
    runSimulations(simulator, report.refutations, request.threads, progress, cancelled);
    for (Refutation &r : report.refutations) {
        summarizeRefutation(r);
        requireFiniteRefutation(r, data);
    }
    return report;
}

} // namespace e2i::kernels::causal
