#pragma once
// The R factor of the linear estimator's augmented design [1, t, X, y] by tall-skinny QR:
// rows are taken in blocks, each stacked under the running R and re-factored by
// Householder QR, so the n x (p + 3) design is never copied (at a million rows that copy
// was 180 MB and as slow as the factorisation), the work splits into row partitions that
// run on the kernels' parallel runner, and a cancel is seen between blocks. Backward stable like a
// Householder QR of the whole design.
//
// The partitions are fixed by n alone and combined in order, so the result is the same
// for any thread count.
#include "CausalData.h"

#include <Eigen/Core>

#include "common/Cancelled.h"
#include "common/ParallelRunner.h"

namespace e2i::kernels::causal {

// `cancelled` follows the parallel runner's contract (common/ParallelRunner.h): called on the
// calling thread about every 10 ms; once it answers true the partitions stop between blocks and
// Cancelled (common/Cancelled.h) is thrown.
// Returns the upper-triangular R ((p + 3) x (p + 3)) with R'R = A'A for A = [1, t, X, y].
Eigen::MatrixXd augmentedDesignR(const CausalData &data, const CancelPredicate &cancelled = {});

} // namespace e2i::kernels::causal
