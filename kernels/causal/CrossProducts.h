#pragma once
// The placebo and random-common-cause refits' hot loop: the inner products of a block of the
// common causes with up to eight simulated vectors, Xc'[v1 ... v8] (LinearFastRefits).
//
// Each product is summed in exactly the order of Eigen 3.4's vectorised dot product in this
// build (two SSE2 packets: partial sums over the rows 0, 1, 2, 3 mod 4 started from the first
// four products, combined as (s0 + s2) + (s1 + s3), then the leftover rows), with separate
// multiplies and adds, so that its values equal x.dot(v) bit for bit, in the generic build and
// in the AVX2 one alike (which only does four rows per instruction and keeps eight products in
// flight instead of one dependent chain; chosen for GramKernel's Avx2Fma and Avx512 alike).
// tst_GramKernel checks both against Eigen.
#include "GramKernel.h"

#include <cstddef>
#include <span>

namespace e2i::kernels::causal {

// products[j + k * columns.size()] += dot(columns[j][0, rows), vectors[k][0, rows)), rows >= 1.
void addCrossProducts(std::span<const double *const> columns, std::span<const double *const> vectors,
                      std::size_t rows, double *products, GramKernel::Isa isa = GramKernel::best());

} // namespace e2i::kernels::causal
