#pragma once
// The kernels' one parallel loop: worker threads claim blocks of work items from a shared
// counter; the calling thread only waits, reporting progress and polling for a cancel.
// TreeSHAP's rows, the refuters' simulations, the tall-skinny QR's row partitions and the CSV
// reader's chunks all run on it, so they share one progress and one cancel contract:
//
// - `progress(done, total)` and `cancelled()` are called on the calling thread only (they need
//   not be thread-safe), about every 10 ms while the workers run; `progress` once more with the
//   final count when the run completes.
// - Once `cancelled()` answers true (it is also asked once before any work starts), no new
//   block starts, the running ones see `stop` set, and the run throws Cancelled (Cancelled.h).
// - An exception thrown by a block stops new blocks from starting; the blocks already running
//   finish, and the exception of the earliest failing block is rethrown, the one a serial run
//   would have reported.
//
// With one thread and neither callback the blocks run on the calling thread.
//
// Blocks start at multiples of `itemsPerClaim` whatever the thread count, so a caller whose
// blocks write disjoint results gets the same results for any thread count.
#include <atomic>
#include <cstddef>
#include <functional>

namespace e2i::kernels {

// done of total work items.
using ProgressCallback = std::function<void(std::size_t done, std::size_t total)>;
using CancelPredicate = std::function<bool()>;

struct ParallelPlan {
    std::size_t items = 0;
    std::size_t itemsPerClaim = 1;
    unsigned threads = 0; // 0: one per hardware thread; never more than there are blocks
};

// Works on items [first, last); may return early once `stop` is set (the run is then cancelled).
using BlockWork = std::function<void(std::size_t first, std::size_t last, const std::atomic<bool> &stop)>;
// Called once on each worker thread: the BlockWork it returns keeps that thread's scratch space.
using WorkerFactory = std::function<BlockWork()>;

void runInParallel(const ParallelPlan &plan, const WorkerFactory &makeWorker, const ProgressCallback &progress = {},
                   const CancelPredicate &cancelled = {});

} // namespace e2i::kernels
