#include "ParallelRunner.h"

#include "Cancelled.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

namespace e2i::kernels {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(10);
constexpr std::size_t kNoFailure = std::numeric_limits<std::size_t>::max();

unsigned threadCount(const ParallelPlan &plan, std::size_t blocks)
{
    const unsigned wanted = plan.threads ? plan.threads : std::max(1u, std::thread::hardware_concurrency());
    return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(wanted, blocks)));
}

// What the workers share with the waiting caller.
class SharedRun {
public:
    SharedRun(const ParallelPlan &plan, unsigned workers) : m_plan(plan), m_workersLeft(workers) {}

    void work(const WorkerFactory &makeWorker)
    {
        std::size_t block = kNoFailure;
        try {
            const BlockWork doBlock = makeWorker();
            while (!m_stop.load(std::memory_order_relaxed) && !m_failed.load(std::memory_order_relaxed)) {
                block = m_nextBlock.fetch_add(1);
                const std::size_t first = block * m_plan.itemsPerClaim;
                if (first >= m_plan.items)
                    break;
                const std::size_t last = std::min(m_plan.items, first + m_plan.itemsPerClaim);
                doBlock(first, last, m_stop);
                m_itemsDone.fetch_add(last - first, std::memory_order_relaxed);
            }
        } catch (...) {
            recordFailure(block, std::current_exception());
        }
        workerEnded();
    }

    // Waits for the workers, polling `cancelled` and reporting progress; true when cancelled.
    bool waitForWorkers(const ProgressCallback &progress, const CancelPredicate &cancelled)
    {
        std::unique_lock lock(m_mutex);
        while (!m_allEnded.wait_for(lock, kPollInterval, [this] { return m_workersLeft == 0; })) {
            lock.unlock();
            if (cancelled && !m_stop && cancelled())
                m_stop = true;
            if (progress && !m_stop)
                progress(m_itemsDone.load(), m_plan.items);
            lock.lock();
        }
        return m_stop;
    }

    void rethrowFailure()
    {
        if (m_failure)
            std::rethrow_exception(m_failure);
    }

private:
    void recordFailure(std::size_t block, std::exception_ptr error)
    {
        const std::lock_guard lock(m_mutex);
        if (block < m_failedBlock || !m_failure) {
            m_failedBlock = block;
            m_failure = std::move(error);
        }
        m_failed = true;
    }

    void workerEnded()
    {
        const std::lock_guard lock(m_mutex);
        if (--m_workersLeft == 0)
            m_allEnded.notify_all();
    }

    const ParallelPlan &m_plan;
    std::atomic<std::size_t> m_nextBlock{0};
    std::atomic<std::size_t> m_itemsDone{0};
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_failed{false};
    std::mutex m_mutex;
    std::condition_variable m_allEnded;
    unsigned m_workersLeft;
    std::size_t m_failedBlock = kNoFailure;
    std::exception_ptr m_failure;
};

// Nothing to report and nothing to poll: a worker thread would only cost its start.
void runOnCallingThread(const ParallelPlan &plan, const WorkerFactory &makeWorker)
{
    const BlockWork doBlock = makeWorker();
    const std::atomic<bool> neverStopped{false};
    for (std::size_t first = 0; first < plan.items; first += plan.itemsPerClaim)
        doBlock(first, std::min(plan.items, first + plan.itemsPerClaim), neverStopped);
}

} // namespace

void runInParallel(const ParallelPlan &plan, const WorkerFactory &makeWorker, const ProgressCallback &progress,
                   const CancelPredicate &cancelled)
{
    if (cancelled && cancelled())
        throw Cancelled();
    const std::size_t perClaim = std::max<std::size_t>(1, plan.itemsPerClaim);
    const ParallelPlan effective{plan.items, perClaim, threadCount(plan, (plan.items + perClaim - 1) / perClaim)};
    if (effective.threads == 1 && !progress && !cancelled) {
        runOnCallingThread(effective, makeWorker);
        return;
    }
    SharedRun run(effective, effective.threads);
    bool wasCancelled = false;
    {
        std::vector<std::jthread> workers;
        for (unsigned t = 0; t < effective.threads; ++t)
            workers.emplace_back([&run, &makeWorker] { run.work(makeWorker); });
        wasCancelled = run.waitForWorkers(progress, cancelled);
    }
    run.rethrowFailure();
    if (wasCancelled)
        throw Cancelled();
    if (progress)
        progress(plan.items, plan.items);
}

} // namespace e2i::kernels
