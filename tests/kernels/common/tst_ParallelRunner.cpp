// The kernels' parallel runner: every item is worked on exactly once in blocks that start at
// the same places for any thread count, the callbacks run on the calling thread, a cancel
// stops the workers and throws Cancelled, and the earliest failing block's error is the one
// rethrown.
#include "common/Cancelled.h"
#include "common/ParallelRunner.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace e2i::kernels;

namespace {

// The blocks' [first, last) bounds, in no particular order.
class BlockLog {
public:
    BlockWork recorder()
    {
        return [this](std::size_t first, std::size_t last, const std::atomic<bool> &) {
            const std::lock_guard lock(m_mutex);
            m_blocks.insert({first, last});
        };
    }
    std::set<std::pair<std::size_t, std::size_t>> blocks() const { return m_blocks; }

private:
    std::mutex m_mutex;
    std::set<std::pair<std::size_t, std::size_t>> m_blocks;
};

std::set<std::pair<std::size_t, std::size_t>> blocksOf(const ParallelPlan &plan, const ProgressCallback &progress = {})
{
    BlockLog log;
    runInParallel(plan, [&log] { return log.recorder(); }, progress);
    return log.blocks();
}

} // namespace

class tst_ParallelRunner : public QObject {
    Q_OBJECT

private slots:
    void blocksAreTheSameForAnyThreadCount()
    {
        const std::set<std::pair<std::size_t, std::size_t>> expected{{0, 8}, {8, 16}, {16, 21}};
        for (const unsigned threads : {1u, 2u, 3u, 8u}) {
            QCOMPARE(blocksOf({21, 8, threads}), expected);
            // With a progress callback even one thread is a worker thread: same blocks.
            QCOMPARE(blocksOf({21, 8, threads}, [](std::size_t, std::size_t) {}), expected);
        }
        QVERIFY(blocksOf({0, 8, 2}).empty());
    }

    void eachItemIsWorkedOnOnce()
    {
        std::vector<std::atomic<int>> visits(10'000);
        runInParallel({visits.size(), 7, 4}, [&]() -> BlockWork {
            return [&](std::size_t first, std::size_t last, const std::atomic<bool> &) {
                for (std::size_t i = first; i < last; ++i)
                    ++visits[i];
            };
        });
        for (const std::atomic<int> &v : visits)
            QCOMPARE(v.load(), 1);
    }

    void eachWorkerThreadMakesItsOwnWorker()
    {
        std::mutex mutex;
        std::set<std::thread::id> factoryThreads;
        std::set<std::thread::id> blockThreads;
        std::size_t factoryCalls = 0;
        runInParallel(
            {64, 1, 2},
            [&]() -> BlockWork {
                const std::lock_guard lock(mutex);
                ++factoryCalls;
                factoryThreads.insert(std::this_thread::get_id());
                return [&](std::size_t, std::size_t, const std::atomic<bool> &) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                    const std::lock_guard blockLock(mutex);
                    blockThreads.insert(std::this_thread::get_id());
                };
            },
            [](std::size_t, std::size_t) {});
        QCOMPARE(factoryCalls, std::size_t(2));
        QCOMPARE(factoryThreads.size(), std::size_t(2));
        QVERIFY(blockThreads.size() <= 2);
        QVERIFY(!factoryThreads.contains(std::this_thread::get_id()));
        for (const std::thread::id id : blockThreads)
            QVERIFY(factoryThreads.contains(id));
    }

    void callbacksRunOnTheCallingThreadAndProgressEndsAtTheTotal()
    {
        const std::thread::id caller = std::this_thread::get_id();
        bool elsewhere = false;
        std::size_t lastDone = 0, lastTotal = 0, calls = 0;
        runInParallel(
            {40, 1, 2},
            [] {
                return [](std::size_t, std::size_t, const std::atomic<bool> &) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(2));
                };
            },
            [&](std::size_t done, std::size_t total) {
                elsewhere |= std::this_thread::get_id() != caller;
                QVERIFY(done >= lastDone);
                lastDone = done;
                lastTotal = total;
                ++calls;
            },
            [&] {
                elsewhere |= std::this_thread::get_id() != caller;
                return false;
            });
        QVERIFY(!elsewhere);
        QVERIFY(calls >= 2); // at least one while running (40 x 2 ms on 2 threads), and the last
        QCOMPARE(lastDone, std::size_t(40));
        QCOMPARE(lastTotal, std::size_t(40));
    }

    void cancelStopsTheWorkersAndThrows()
    {
        std::atomic<std::size_t> started{0};
        std::atomic<bool> sawStop{false};
        const auto slowBlocks = [&]() -> BlockWork {
            return [&](std::size_t, std::size_t, const std::atomic<bool> &stop) {
                ++started;
                for (int i = 0; i < 1000 && !stop.load(); ++i)
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                sawStop = sawStop || stop.load();
            };
        };
        QVERIFY_THROWS_EXCEPTION(Cancelled, runInParallel({1000, 1, 2}, slowBlocks, {}, [&] { return started > 0; }));
        QVERIFY(sawStop.load());       // the running blocks were told
        QVERIFY(started.load() <= 4);  // and no new ones started after the cancel
    }

    void cancelBeforeTheStartRunsNothing()
    {
        std::atomic<std::size_t> started{0};
        QVERIFY_THROWS_EXCEPTION(Cancelled, runInParallel(
                                                {10, 1, 2},
                                                [&]() -> BlockWork {
                                                    return [&](std::size_t, std::size_t, const std::atomic<bool> &) { ++started; };
                                                },
                                                {}, [] { return true; }));
        QCOMPARE(started.load(), std::size_t(0));
    }

    void theEarliestFailingBlocksErrorWins()
    {
        // Block 5 fails at once, block 2 only after a while: a serial run would report block 2.
        for (const unsigned threads : {1u, 2u, 8u}) {
            const auto failing = []() -> BlockWork {
                return [](std::size_t first, std::size_t, const std::atomic<bool> &) {
                    if (first == 2) {
                        std::this_thread::sleep_for(std::chrono::milliseconds(30));
                        throw std::runtime_error("block 2");
                    }
                    if (first == 5)
                        throw std::runtime_error("block 5");
                };
            };
            try {
                runInParallel({8, 1, threads}, failing);
                QFAIL("no error");
            } catch (const std::runtime_error &error) {
                QCOMPARE(std::string(error.what()), std::string("block 2"));
            }
        }
    }

    void noNewBlockStartsAfterAFailure()
    {
        std::atomic<std::size_t> started{0};
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, runInParallel({100'000, 1, 2}, [&]() -> BlockWork {
            return [&](std::size_t first, std::size_t, const std::atomic<bool> &) {
                ++started;
                if (first == 0)
                    throw std::runtime_error("first block");
            };
        }));
        QVERIFY(started.load() < 100'000);
    }
};

QTEST_GUILESS_MAIN(tst_ParallelRunner)
#include "tst_ParallelRunner.moc"
