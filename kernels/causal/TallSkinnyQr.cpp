#include "TallSkinnyQr.h"

#include <Eigen/QR>

#include <atomic>
#include <vector>

namespace e2i::kernels::causal {
namespace {

constexpr Eigen::Index kBlockRows = 4096;
// Rows are split into this many partitions once there are enough of them; fixed so that
// the rounding does not depend on the machine's thread count.
constexpr Eigen::Index kPartitions = 8;

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
// `stop` is set.
Eigen::MatrixXd partitionR(const CausalData &data, Eigen::Index begin, Eigen::Index end, const std::atomic<bool> &stop)
{
    const Eigen::Index k = columnsOf(data);
    Eigen::MatrixXd r = Eigen::MatrixXd::Zero(k, k);
    Eigen::MatrixXd stack(k + kBlockRows, k);
    for (Eigen::Index first = begin; first < end; first += kBlockRows) {
        if (stop.load(std::memory_order_relaxed))
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

Eigen::MatrixXd augmentedDesignR(const CausalData &data, const CancelPredicate &cancelled)
{
    const auto n = static_cast<Eigen::Index>(data.rows);
    const Eigen::Index k = columnsOf(data);
    // Small designs are one partition: a single worker then.
    const Eigen::Index partitions = n < kPartitions * kBlockRows ? 1 : kPartitions;
    std::vector<Eigen::MatrixXd> factors(static_cast<std::size_t>(partitions));
    runInParallel(
        {static_cast<std::size_t>(partitions), 1, 0},
        [&]() -> BlockWork {
            return [&](std::size_t first, std::size_t last, const std::atomic<bool> &stop) {
                for (auto part = static_cast<Eigen::Index>(first); part < static_cast<Eigen::Index>(last); ++part)
                    factors[static_cast<std::size_t>(part)] =
                        partitionR(data, part * n / partitions, (part + 1) * n / partitions, stop);
            };
        },
        {}, cancelled);
    return partitions == 1 ? factors.front() : combine(factors, k);
}

} // namespace e2i::kernels::causal
