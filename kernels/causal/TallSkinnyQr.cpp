#include "TallSkinnyQr.h"

#include <Eigen/QR>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

namespace e2i::kernels::causal {
namespace {

constexpr Eigen::Index kBlockRows = 4096;
// Rows are split into this many partitions once there are enough of them; fixed so that
// the rounding does not depend on the machine's thread count.
constexpr Eigen::Index kPartitions = 8;
constexpr auto kPollInterval = std::chrono::milliseconds(10);

Eigen::Index columnsOf(const CausalData &data) { return static_cast<Eigen::Index>(data.commonCauseCount()) + 3; }

// Copies design rows [begin, end) below the first `top` rows of `stack`.
void fillRows(const CausalData &data, Eigen::Index begin, Eigen::Index end, Eigen::Index top, Eigen::MatrixXd &stack)
{
    const Eigen::Index rows = end - begin;
    const Eigen::Index k = stack.cols();
    stack.block(top, 0, rows, 1).setOnes();
    stack.block(top, 1, rows, 1) = Eigen::Map<const Eigen::VectorXd>(data.treatment.data() + begin, rows);
    for (std::size_t j = 0; j < data.commonCauseCount(); ++j)
        stack.block(top, static_cast<Eigen::Index>(j) + 2, rows, 1) =
            Eigen::Map<const Eigen::VectorXd>(data.commonCause(j).data() + begin, rows);
    stack.block(top, k - 1, rows, 1) = Eigen::Map<const Eigen::VectorXd>(data.outcome.data() + begin, rows);
}

Eigen::MatrixXd upperFactor(const Eigen::Ref<const Eigen::MatrixXd> &stacked, Eigen::Index k)
{
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(stacked);
    Eigen::MatrixXd r = Eigen::MatrixXd::Zero(k, k);
    const Eigen::Index filled = std::min(k, stacked.rows());
    r.topRows(filled) = qr.matrixQR().topRows(filled).triangularView<Eigen::Upper>();
    return r;
}

// R of rows [begin, end), block by block; stops early (returning nothing useful) once
// `stop` returns true.
Eigen::MatrixXd partitionR(const CausalData &data, Eigen::Index begin, Eigen::Index end, const std::function<bool()> &stop)
{
    const Eigen::Index k = columnsOf(data);
    Eigen::MatrixXd r = Eigen::MatrixXd::Zero(k, k);
    Eigen::MatrixXd stack(k + kBlockRows, k);
    for (Eigen::Index first = begin; first < end; first += kBlockRows) {
        if (stop())
            break;
        const Eigen::Index last = std::min(end, first + kBlockRows);
        stack.topRows(k) = r;
        fillRows(data, first, last, k, stack);
        r = upperFactor(stack.topRows(k + last - first), k);
    }
    return r;
}

Eigen::MatrixXd combine(const std::vector<Eigen::MatrixXd> &factors, Eigen::Index k)
{
    Eigen::MatrixXd stacked(k * static_cast<Eigen::Index>(factors.size()), k);
    for (std::size_t i = 0; i < factors.size(); ++i)
        stacked.middleRows(static_cast<Eigen::Index>(i) * k, k) = factors[i];
    return upperFactor(stacked, k);
}

} // namespace

Eigen::MatrixXd augmentedDesignR(const CausalData &data, const std::function<bool()> &cancelled)
{
    const auto n = static_cast<Eigen::Index>(data.rows);
    const Eigen::Index k = columnsOf(data);
    const auto wasCancelled = [&] { return cancelled && cancelled(); };
    if (n < kPartitions * kBlockRows) {
        Eigen::MatrixXd r = partitionR(data, 0, n, wasCancelled);
        if (wasCancelled())
            throw EstimationCancelled();
        return r;
    }
    // Partitions on threads; this thread only polls the cancel predicate.
    std::atomic<bool> stop{false};
    const auto stopRequested = [&stop] { return stop.load(std::memory_order_relaxed); };
    std::vector<Eigen::MatrixXd> factors(static_cast<std::size_t>(kPartitions));
    std::atomic<Eigen::Index> next{0};
    const auto work = [&] {
        for (Eigen::Index part; (part = next.fetch_add(1)) < kPartitions && !stopRequested();)
            factors[static_cast<std::size_t>(part)] = partitionR(data, part * n / kPartitions, (part + 1) * n / kPartitions, stopRequested);
    };
    const unsigned threads = std::clamp<unsigned>(std::thread::hardware_concurrency(), 1, unsigned(kPartitions));
    std::vector<std::future<void>> workers;
    for (unsigned t = 0; t < threads; ++t)
        workers.push_back(std::async(std::launch::async, work));
    for (auto &worker : workers) {
        while (worker.wait_for(kPollInterval) != std::future_status::ready)
            if (!stop && wasCancelled())
                stop = true;
        worker.get();
    }
    if (stop || wasCancelled())
        throw EstimationCancelled();
    return combine(factors, k);
}

} // namespace e2i::kernels::causal
