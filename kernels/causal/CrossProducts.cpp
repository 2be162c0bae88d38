#include "CrossProducts.h"

#include "common/CpuDispatch.h"

#include <cstring>

// The 4-lane vector helpers below are always inlined, so their vector arguments never cross
// a call boundary whose ABI would depend on AVX being enabled.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace e2i::kernels::causal {
namespace {

using Lanes = double __attribute__((vector_size(32)));
constexpr std::size_t kLanes = 4;

[[gnu::always_inline]] inline Lanes load(const double *p)
{
    Lanes v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

// Eigen's dot of fewer than four rows: one packet (two rows) added across, then the third row;
// a single row is its product.
[[gnu::always_inline]] inline double shortDot(const double *x, const double *v, std::size_t rows)
{
    if (rows == 1)
        return x[0] * v[0];
    const double pair = x[0] * v[0] + x[1] * v[1];
    return rows == 3 ? pair + x[2] * v[2] : pair;
}

// Eigen's ending: the two packets' sums added, one more packet if two or three rows are left,
// the packet added across, then the last odd row.
[[gnu::always_inline]] inline double finishDot(Lanes sums, const double *x, const double *v, std::size_t rows)
{
    double even = sums[0] + sums[2];
    double odd = sums[1] + sums[3];
    const std::size_t whole = rows - rows % kLanes;
    if (rows - whole >= 2) {
        even += x[whole] * v[whole];
        odd += x[whole + 1] * v[whole + 1];
    }
    const double total = even + odd;
    return rows % 2 ? total + x[rows - 1] * v[rows - 1] : total;
}

// One column against `Count` vectors: `Count` independent chains of 4-lane sums.
template <std::size_t Count>
[[gnu::always_inline]] inline void columnTimesVectors(const double *x, const double *const *vectors, std::size_t rows,
                                                      double *products, std::size_t stride)
{
    if (rows < kLanes) {
        for (std::size_t k = 0; k < Count; ++k)
            products[k * stride] += shortDot(x, vectors[k], rows);
        return;
    }
    Lanes sums[Count];
    const Lanes first = load(x);
#pragma GCC unroll 8
    for (std::size_t k = 0; k < Count; ++k)
        sums[k] = first * load(vectors[k]);
    const std::size_t whole = rows - rows % kLanes;
    for (std::size_t r = kLanes; r < whole; r += kLanes) {
        const Lanes xr = load(x + r);
#pragma GCC unroll 8
        for (std::size_t k = 0; k < Count; ++k)
            sums[k] += xr * load(vectors[k] + r);
    }
    for (std::size_t k = 0; k < Count; ++k)
        products[k * stride] += finishDot(sums[k], x, vectors[k], rows);
}

[[gnu::always_inline]] inline void crossProducts(const double *const *columns, std::size_t columnCount,
                                                 const double *const *vectors, std::size_t vectorCount,
                                                 std::size_t rows, double *products)
{
    for (std::size_t j = 0; j < columnCount; ++j) {
        std::size_t k = 0;
        for (; k + 8 <= vectorCount; k += 8)
            columnTimesVectors<8>(columns[j], vectors + k, rows, products + j + k * columnCount, columnCount);
        for (; k + 4 <= vectorCount; k += 4)
            columnTimesVectors<4>(columns[j], vectors + k, rows, products + j + k * columnCount, columnCount);
        for (; k < vectorCount; ++k)
            columnTimesVectors<1>(columns[j], vectors + k, rows, products + j + k * columnCount, columnCount);
    }
}

// Neither build may fuse a multiply and an add (Eigen's SSE2 dot does not): the AVX2 clone is
// compiled without FMA.
void crossProductsGeneric(const double *const *columns, std::size_t columnCount, const double *const *vectors,
                          std::size_t vectorCount, std::size_t rows, double *products)
{
    crossProducts(columns, columnCount, vectors, vectorCount, rows, products);
}

#if E2I_AVX2_AVAILABLE
[[gnu::target("avx2")]] void crossProductsAvx2(const double *const *columns, std::size_t columnCount,
                                               const double *const *vectors, std::size_t vectorCount,
                                               std::size_t rows, double *products)
{
    crossProducts(columns, columnCount, vectors, vectorCount, rows, products);
}
#endif

} // namespace

void addCrossProducts(std::span<const double *const> columns, std::span<const double *const> vectors,
                      std::size_t rows, double *products, [[maybe_unused]] GramKernel::Isa isa)
{
#if E2I_AVX2_AVAILABLE
    if (isa != GramKernel::Isa::Generic)
        return crossProductsAvx2(columns.data(), columns.size(), vectors.data(), vectors.size(), rows, products);
#endif
    crossProductsGeneric(columns.data(), columns.size(), vectors.data(), vectors.size(), rows, products);
}

} // namespace e2i::kernels::causal
