#pragma once
// The R factor of the linear estimator's augmented design [1, t, X, y] by tall-skinny QR:
// rows are taken in blocks, each stacked under the running R and re-factored by
// Householder QR, so the n x (p + 3) design is never copied (at a million rows that copy
// was 180 MB and as slow as the factorisation), the work splits into row partitions that
// run on their own threads, and a cancel is seen between blocks. Backward stable like a
// Householder QR of the whole design.
//
// The partitions are fixed by n alone and combined in order, so the result is the same
// for any thread count.
#include "CausalData.h"

#include <Eigen/Core>

#include <functional>
#include <stdexcept>

namespace e2i::kernels::causal {

// Thrown when the caller's cancel predicate answered true.
class EstimationCancelled : public std::runtime_error {
public:
    EstimationCancelled() : std::runtime_error("cancelled") {}
};

// `cancelled` is called on the calling thread only, every block or every ~10 ms.
// Returns the upper-triangular R ((p + 3) x (p + 3)) with R'R = A'A for A = [1, t, X, y].
Eigen::MatrixXd augmentedDesignR(const CausalData &data, const std::function<bool()> &cancelled = {});

} // namespace e2i::kernels::causal
