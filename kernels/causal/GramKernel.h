#pragma once
// The hot loop of every Gram-based refit: accumulates B'B for blocks of rows of a few tens of
// columns (column-major, each column given by a pointer to the block's first row).
//
// The build targets generic x86-64 (SSE2, no FMA); the same loop is compiled a second time for
// AVX2 + FMA and chosen at run time when the CPU has both (4 doubles per instruction instead
// of 2, a fused multiply-add instead of two instructions). Each entry is summed in 4 lanes
// over row positions modulo 4 and the lanes are added at the end, in a fixed order, so the
// result depends only on the rows given, not on threads; the FMA build rounds once per
// multiply-add instead of twice, so its last bits differ from the generic build's. On CPUs with
// AVX-512 a third build does the AVX2 + FMA build's arithmetic two entries per instruction,
// with the same values bit for bit (tst_GramKernel).
#include <cstddef>
#include <span>
#include <vector>

namespace e2i::kernels::causal {

class GramKernel {
public:
    enum class Isa { Generic, Avx2Fma, Avx512 };
    // The fastest the running CPU supports.
    static Isa best();

    explicit GramKernel(std::size_t columns, Isa isa = best());

    // Adds the Gram matrix of `rows` rows of `columns` (one pointer per column, as many as
    // the constructor was given). Not thread-safe: one kernel per thread.
    void add(std::span<const double *const> columns, std::size_t rows);
    // The same with row r counted weights[r] times (weights.size() rows): a resample's Gram
    // from its counts, without gathering the drawn rows.
    void addWeighted(std::span<const double *const> columns, std::span<const double> weights);
    // The lower triangle (and diagonal) of the sum so far into `lower`, column-major
    // columns x columns; the strict upper triangle is left as it was.
    void lowerTriangle(double *lower) const;
    void reset();

    std::size_t columns() const { return m_columns; }

private:
    void addRows(std::span<const double *const> columns, const double *weights, std::size_t rows);

    std::size_t m_columns;
    std::size_t m_padded; // columns rounded up to whole register tiles of the chosen build
    Isa m_isa;
    std::vector<double> m_lanes; // m_padded x m_padded entries of 4 lanes each
    std::vector<const double *> m_columnPointers; // the caller's, then null for the padding
    std::vector<const double *> m_chunkPointers;  // the same, advanced to the current chunk
};

} // namespace e2i::kernels::causal
