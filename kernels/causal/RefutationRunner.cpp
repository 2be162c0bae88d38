#include "RefutationRunner.h"

#include "PropensityEstimator.h"
#include "TallSkinnyQr.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <limits>
#include <mutex>
#include <string>
#include <thread>

namespace e2i::kernels::causal {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(10);

struct Task {
    std::size_t refutation;
    std::size_t simulation;
};

std::vector<Task> buildTasks(const RefuterSimulator &simulator, const std::vector<RefuterKind> &refuters)
{
    std::vector<Task> tasks;
    for (std::size_t r = 0; r < refuters.size(); ++r)
        for (std::size_t s = 0; s < simulator.simulationCount(refuters[r]); ++s)
            tasks.push_back({r, s});
    return tasks;
}

class TaskPool {
public:
    TaskPool(const RefuterSimulator &simulator, std::vector<Refutation> &refutations, std::vector<Task> tasks)
        : m_simulator(simulator), m_refutations(refutations), m_tasks(std::move(tasks))
    {
    }

    void work()
    {
        try {
            auto workspace = m_simulator.makeWorkspace();
            for (std::size_t k = m_next++; k < m_tasks.size() && !m_stop; k = m_next++) {
                const Task task = m_tasks[k];
                Refutation &r = m_refutations[task.refutation];
                r.simulatedEffects[task.simulation] = m_simulator.simulate(r.kind, task.simulation, workspace, &m_stop);
                ++m_done;
            }
        } catch (...) {
            const std::lock_guard lock(m_errorMutex);
            if (!m_error)
                m_error = std::current_exception();
            m_stop = true;
        }
        --m_active;
    }

    void setWorkers(unsigned count) { m_active = count; }
    bool running() const { return m_active > 0; }
    std::size_t done() const { return m_done; }
    std::size_t total() const { return m_tasks.size(); }
    void stop() { m_stop = true; }
    void rethrowError() const
    {
        if (m_error)
            std::rethrow_exception(m_error);
    }

private:
    const RefuterSimulator &m_simulator;
    std::vector<Refutation> &m_refutations;
    std::vector<Task> m_tasks;
    std::atomic<std::size_t> m_next{0};
    std::atomic<std::size_t> m_done{0};
    std::atomic<bool> m_stop{false};
    std::atomic<unsigned> m_active{0};
    std::mutex m_errorMutex;
    std::exception_ptr m_error;
};

// Returns false when cancelled.
bool runPool(TaskPool &pool, unsigned threads, const ProgressCallback &progress, const CancelPredicate &cancelled)
{
    std::vector<std::jthread> workers;
    const unsigned count = std::clamp(threads, 1U, kMaxRefutationThreads);
    pool.setWorkers(count);
    for (unsigned i = 0; i < count; ++i)
        workers.emplace_back([&pool] { pool.work(); });
    bool wasCancelled = false;
    while (pool.running()) {
        if (progress)
            progress(pool.done(), pool.total());
        if (cancelled && cancelled()) {
            wasCancelled = true;
            pool.stop();
            break;
        }
        std::this_thread::sleep_for(kPollInterval);
    }
    workers.clear(); // joins
    pool.rethrowError();
    if (progress && !wasCancelled)
        progress(pool.done(), pool.total());
    return !wasCancelled;
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
    try {
        report.estimate = estimateEffect(data, request.estimator, cancelled);
    } catch (const EstimationCancelled &) {
        report.cancelled = true;
        return report;
    }
    if (request.estimator == EstimatorKind::Ipw) {
        const PropensityEffects effects = estimatePropensityWeighting(data);
        report.att = effects.att;
        report.atc = effects.atc;
    }
    requireFiniteEstimate(report, data);
    if (request.estimator == EstimatorKind::Linear)
        report.sensitivity = linearSensitivity(report.estimate);

    // The fast path's setup below is one more pass over the data: skip it after a cancel.
    if (cancelled && cancelled()) {
        report.cancelled = true;
        return report;
    }
    SimulatorSettings settings;
    settings.estimator = request.estimator;
    settings.seed = request.seed;
    settings.simulations = request.simulations;
    settings.placeboType = request.placeboType;
    settings.originalEffect = report.estimate.effect;
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
    // The estimate and the refit structures above are not interruptible; honour a cancel
    // that arrived meanwhile before starting any simulation.
    TaskPool pool(simulator, report.refutations, buildTasks(simulator, request.refuters));
    if ((cancelled && cancelled()) || !runPool(pool, request.threads, progress, cancelled)) {
        report.cancelled = true;
        report.refutations.clear();
        return report;
    }
    for (Refutation &r : report.refutations) {
        summarizeRefutation(r);
        requireFiniteRefutation(r, data);
    }
    return report;
}

} // namespace e2i::kernels::causal
