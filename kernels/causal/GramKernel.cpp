#include "GramKernel.h"

#include "common/CpuDispatch.h"

#include <algorithm>
#include <array>
#include <cstring>

// The 4-lane vector helpers below are always inlined, so their vector arguments never cross
// a call boundary whose ABI would depend on AVX being enabled.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace e2i::kernels::causal {
namespace {

using Lanes = double __attribute__((vector_size(32)));
constexpr std::size_t kLanes = 4;
// A register tile: 3 columns held while 4 others stream past, 12 accumulators (AVX2 has 16
// registers); tiles of the lower triangle only.
constexpr std::size_t kTileI = 3;
constexpr std::size_t kTileJ = 4;
constexpr std::size_t kPadTo = 12;
// Rows per pass over the tiles: 128 rows of 24 columns (24 KB) stay in the L1 cache.
constexpr std::size_t kChunkRows = 128;
constexpr std::array<double, kChunkRows> kZeroColumn{};

[[gnu::always_inline]] inline Lanes load(const double *p)
{
    Lanes v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

[[gnu::always_inline]] inline void store(double *p, Lanes v) { std::memcpy(p, &v, sizeof v); }

// One tile over one chunk of rows: lanes[(i, j)] += weights[r] * columns[i][r] * columns[j][r]
// (without the weight when there are none).
template <bool Weighted>
[[gnu::always_inline]] inline void addTile(const double *const *columns, const double *weights, std::size_t i0,
                                           std::size_t j0, std::size_t rows, double *lanes, std::size_t padded)
{
    Lanes acc[kTileI][kTileJ];
#pragma GCC unroll 4
    for (std::size_t a = 0; a < kTileI; ++a)
#pragma GCC unroll 4
        for (std::size_t b = 0; b < kTileJ; ++b)
            acc[a][b] = load(lanes + ((i0 + a) * padded + j0 + b) * kLanes);
    const std::size_t whole = rows - rows % kLanes;
    // Unrolled completely so that the accumulators live in registers.
    for (std::size_t r = 0; r < whole; r += kLanes) {
        Lanes left[kTileI];
#pragma GCC unroll 4
        for (std::size_t a = 0; a < kTileI; ++a)
            left[a] = Weighted ? load(columns[i0 + a] + r) * load(weights + r) : load(columns[i0 + a] + r);
#pragma GCC unroll 4
        for (std::size_t b = 0; b < kTileJ; ++b) {
            const Lanes right = load(columns[j0 + b] + r);
#pragma GCC unroll 4
            for (std::size_t a = 0; a < kTileI; ++a)
                acc[a][b] += left[a] * right;
        }
    }
    for (std::size_t r = whole; r < rows; ++r) // the last rows, in lane 0
#pragma GCC unroll 4
        for (std::size_t a = 0; a < kTileI; ++a)
#pragma GCC unroll 4
            for (std::size_t b = 0; b < kTileJ; ++b)
                acc[a][b][0] += (Weighted ? columns[i0 + a][r] * weights[r] : columns[i0 + a][r]) * columns[j0 + b][r];
#pragma GCC unroll 4
    for (std::size_t a = 0; a < kTileI; ++a)
#pragma GCC unroll 4
        for (std::size_t b = 0; b < kTileJ; ++b)
            store(lanes + ((i0 + a) * padded + j0 + b) * kLanes, acc[a][b]);
}

// `chunk` is scratch space for `padded` pointers; `weights` may be null.
[[gnu::always_inline]] inline void accumulateRows(const double *const *columns, const double *weights, std::size_t rows,
                                           double *lanes, std::size_t padded, const double **chunk)
{
    for (std::size_t first = 0; first < rows; first += kChunkRows) {
        const std::size_t count = std::min(kChunkRows, rows - first);
        for (std::size_t c = 0; c < padded; ++c)
            chunk[c] = columns[c] ? columns[c] + first : kZeroColumn.data();
        for (std::size_t i0 = 0; i0 < padded; i0 += kTileI)
            for (std::size_t j0 = 0; j0 < i0 + kTileI && j0 < padded; j0 += kTileJ)
                if (weights)
                    addTile<true>(chunk, weights + first, i0, j0, count, lanes, padded);
                else
                    addTile<false>(chunk, nullptr, i0, j0, count, lanes, padded);
    }
}

#if E2I_AVX2_AVAILABLE
// The AVX-512 build: one 8-double register holds two entries' 4 lanes, (i, j) and (i, j + 1),
// as the lanes array stores them side by side, so each register operation does what two AVX2
// ones do, lane for lane: the same products, fused into the same sums in the same order, hence
// the same values as the AVX2 + FMA build. 32 registers: 4 x 8 tiles of 16 accumulators.
using WideLanes = double __attribute__((vector_size(64)));
constexpr std::size_t kWideTileI = 4;
constexpr std::size_t kWideTileJ = 8;
constexpr std::size_t kWidePadTo = 8;

[[gnu::always_inline]] inline WideLanes loadWide(const double *p)
{
    WideLanes v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

[[gnu::always_inline]] inline void storeWide(double *p, WideLanes v) { std::memcpy(p, &v, sizeof v); }

// Four rows of one column in both halves.
[[gnu::always_inline]] inline WideLanes twice(const double *p)
{
    const Lanes v = load(p);
    return __builtin_shufflevector(v, v, 0, 1, 2, 3, 0, 1, 2, 3);
}

// Four rows of column a, then the same rows of column b.
[[gnu::always_inline]] inline WideLanes pairOf(const double *a, const double *b)
{
    return __builtin_shufflevector(load(a), load(b), 0, 1, 2, 3, 4, 5, 6, 7);
}

template <bool Weighted>
[[gnu::always_inline]] inline void addWideTile(const double *const *columns, const double *weights, std::size_t i0,
                                               std::size_t j0, std::size_t rows, double *lanes, std::size_t padded)
{
    constexpr std::size_t kPairs = kWideTileJ / 2;
    WideLanes acc[kWideTileI][kPairs];
#pragma GCC unroll 4
    for (std::size_t a = 0; a < kWideTileI; ++a)
#pragma GCC unroll 4
        for (std::size_t q = 0; q < kPairs; ++q)
            acc[a][q] = loadWide(lanes + ((i0 + a) * padded + j0 + 2 * q) * kLanes);
    const std::size_t whole = rows - rows % kLanes;
    for (std::size_t r = 0; r < whole; r += kLanes) {
        WideLanes left[kWideTileI];
#pragma GCC unroll 4
        for (std::size_t a = 0; a < kWideTileI; ++a)
            left[a] = Weighted ? twice(columns[i0 + a] + r) * twice(weights + r) : twice(columns[i0 + a] + r);
#pragma GCC unroll 4
        for (std::size_t q = 0; q < kPairs; ++q) {
            const WideLanes right = pairOf(columns[j0 + 2 * q] + r, columns[j0 + 2 * q + 1] + r);
#pragma GCC unroll 4
            for (std::size_t a = 0; a < kWideTileI; ++a)
                acc[a][q] += left[a] * right;
        }
    }
    for (std::size_t r = whole; r < rows; ++r) // the last rows, in lane 0 of each entry
#pragma GCC unroll 4
        for (std::size_t a = 0; a < kWideTileI; ++a)
#pragma GCC unroll 8
            for (std::size_t b = 0; b < kWideTileJ; ++b)
                acc[a][b / 2][(b % 2) * kLanes] +=
                    (Weighted ? columns[i0 + a][r] * weights[r] : columns[i0 + a][r]) * columns[j0 + b][r];
#pragma GCC unroll 4
    for (std::size_t a = 0; a < kWideTileI; ++a)
#pragma GCC unroll 4
        for (std::size_t q = 0; q < kPairs; ++q)
            storeWide(lanes + ((i0 + a) * padded + j0 + 2 * q) * kLanes, acc[a][q]);
}

[[gnu::target("avx512f,avx512vl,avx2,fma")]] void addRowsAvx512(const double *const *columns, const double *weights,
                                                               std::size_t rows, double *lanes, std::size_t padded,
                                                               const double **chunk)
{
    for (std::size_t first = 0; first < rows; first += kChunkRows) {
        const std::size_t count = std::min(kChunkRows, rows - first);
        for (std::size_t c = 0; c < padded; ++c)
            chunk[c] = columns[c] ? columns[c] + first : kZeroColumn.data();
        for (std::size_t i0 = 0; i0 < padded; i0 += kWideTileI)
            for (std::size_t j0 = 0; j0 < i0 + kWideTileI && j0 < padded; j0 += kWideTileJ)
                if (weights)
                    addWideTile<true>(chunk, weights + first, i0, j0, count, lanes, padded);
                else
                    addWideTile<false>(chunk, nullptr, i0, j0, count, lanes, padded);
    }
}
#endif

void addRowsGeneric(const double *const *columns, const double *weights, std::size_t rows, double *lanes,
                    std::size_t padded, const double **chunk)
{
    accumulateRows(columns, weights, rows, lanes, padded, chunk);
}

#if E2I_AVX2_AVAILABLE
[[gnu::target("avx2,fma")]] void addRowsAvx2Fma(const double *const *columns, const double *weights, std::size_t rows,
                                                double *lanes, std::size_t padded, const double **chunk)
{
    accumulateRows(columns, weights, rows, lanes, padded, chunk);
}
#endif

// Columns rounded up to whole register tiles of the build that runs.
std::size_t paddedColumns(std::size_t columns, GramKernel::Isa isa)
{
#if E2I_AVX2_AVAILABLE
    const std::size_t padTo = isa == GramKernel::Isa::Avx512 ? kWidePadTo : kPadTo;
#else
    const std::size_t padTo = kPadTo;
    (void)isa;
#endif
    return (columns + padTo - 1) / padTo * padTo;
}

} // namespace

GramKernel::Isa GramKernel::best()
{
#if E2I_AVX2_AVAILABLE
    __builtin_cpu_init();
    if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma"))
        return Isa::Generic;
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") ? Isa::Avx512 : Isa::Avx2Fma;
#else
    return Isa::Generic;
#endif
}

GramKernel::GramKernel(std::size_t columns, Isa isa)
    : m_columns(columns)
    , m_padded(paddedColumns(columns, isa))
    , m_isa(isa)
    , m_lanes(m_padded * m_padded * kLanes, 0.0)
    , m_columnPointers(m_padded, nullptr)
    , m_chunkPointers(m_padded, nullptr)
{
}

void GramKernel::add(std::span<const double *const> columns, std::size_t rows) { addRows(columns, nullptr, rows); }

void GramKernel::addWeighted(std::span<const double *const> columns, std::span<const double> weights)
{
    addRows(columns, weights.data(), weights.size());
}

void GramKernel::addRows(std::span<const double *const> columns, const double *weights, std::size_t rows)
{
    // The padding columns stay null, which accumulateRows reads as zeros.
    std::copy(columns.begin(), columns.end(), m_columnPointers.begin());
#if E2I_AVX2_AVAILABLE
    if (m_isa == Isa::Avx512)
        return addRowsAvx512(m_columnPointers.data(), weights, rows, m_lanes.data(), m_padded, m_chunkPointers.data());
    if (m_isa == Isa::Avx2Fma)
        return addRowsAvx2Fma(m_columnPointers.data(), weights, rows, m_lanes.data(), m_padded, m_chunkPointers.data());
#endif
    addRowsGeneric(m_columnPointers.data(), weights, rows, m_lanes.data(), m_padded, m_chunkPointers.data());
}

void GramKernel::lowerTriangle(double *lower) const
{
    for (std::size_t j = 0; j < m_columns; ++j)
        for (std::size_t i = j; i < m_columns; ++i) {
            const double *l = m_lanes.data() + (i * m_padded + j) * kLanes;
            lower[j * m_columns + i] = (l[0] + l[1]) + (l[2] + l[3]);
        }
}

void GramKernel::reset() { std::fill(m_lanes.begin(), m_lanes.end(), 0.0); }

} // namespace e2i::kernels::causal
