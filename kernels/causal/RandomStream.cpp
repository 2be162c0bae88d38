#include "RandomStream.h"

#include <array>
#include <bit>
#include <cstddef>
#include <cmath>

namespace e2i::kernels::causal {
namespace {

// GCC's 128-bit integer gives the exact high word of a 64x64 product (Lemire's method).
__extension__ using Uint128 = unsigned __int128;

std::uint64_t splitMix64(std::uint64_t &x)
{
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// 256-layer ziggurat for the standard normal: R is the start of the tail, V the area of
// each layer (Marsaglia & Tsang 2000, Table 1 extended to 256 layers).
constexpr double kZigguratR = 3.6541528853610088;
constexpr double kZigguratV = 0.00492867323399;
constexpr std::size_t kZigguratLayers = 256;

struct ZigguratTables {
    std::array<double, kZigguratLayers + 1> x{}; // layer right edges, x[256] = 0
    std::array<double, kZigguratLayers + 1> f{}; // exp(-x^2 / 2) at those edges
};

ZigguratTables buildZigguratTables()
{
    ZigguratTables z;
    const auto density = [](double x) { return std::exp(-0.5 * x * x); };
    // Layer 0 is the base strip plus the tail, drawn as a rectangle of width V / f(R).
    z.x[0] = kZigguratV / density(kZigguratR);
    z.x[1] = kZigguratR;
    for (std::size_t i = 2; i < kZigguratLayers; ++i)
        z.x[i] = std::sqrt(-2.0 * std::log(kZigguratV / z.x[i - 1] + density(z.x[i - 1])));
    z.x[kZigguratLayers] = 0.0;
    for (std::size_t i = 0; i <= kZigguratLayers; ++i)
        z.f[i] = density(z.x[i]);
    return z;
}

const ZigguratTables &zigguratTables()
{
    static const ZigguratTables tables = buildZigguratTables();
    return tables;
}

} // namespace

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t streamId, std::uint64_t index)
{
    // Mix the three coordinates through SplitMix64 in sequence so that neighbouring seeds,
    // refuters and indices give unrelated states.
    std::uint64_t mixer = seed;
    mixer = splitMix64(mixer) ^ streamId;
    mixer = splitMix64(mixer) ^ index;
    for (auto &word : m_state)
        word = splitMix64(mixer);
}

std::uint64_t RandomStream::below(std::uint64_t n)
{
    Uint128 product = static_cast<Uint128>(next()) * n;
    auto low = static_cast<std::uint64_t>(product);
    if (low < n) {
        const std::uint64_t threshold = -n % n;
        while (low < threshold) {
            product = static_cast<Uint128>(next()) * n;
            low = static_cast<std::uint64_t>(product);
        }
    }
    return static_cast<std::uint64_t>(product >> 64);
}

double RandomStream::normal()
{
    const ZigguratTables &z = zigguratTables();
    const std::uint64_t bits = next();
    const std::size_t layer = bits & 0xFF;
    // The top 53 bits give a signed abscissa in (-1, 1).
    const double x = static_cast<double>(static_cast<std::int64_t>(bits) >> 11) * 0x1.0p-52 * z.x[layer];
    return std::abs(x) < z.x[layer + 1] ? x : normalSlowPath(layer, x);
}

// The draw (layer, x) fell outside its layer's inner rectangle: the tail for the base
// layer, otherwise accept under the density or start over.
double RandomStream::normalSlowPath(std::size_t layer, double x)
{
    const ZigguratTables &z = zigguratTables();
    if (layer == 0)
        return normalTail(std::signbit(x));
    if (z.f[layer + 1] + uniform() * (z.f[layer] - z.f[layer + 1]) < std::exp(-0.5 * x * x))
        return x;
    return normal();
}

double RandomStream::normalTail(bool negative)
{
    double a, b;
    do {
        a = -std::log(1.0 - uniform()) / kZigguratR;
        b = -std::log(1.0 - uniform());
    } while (2.0 * b < a * a);
    return negative ? -(kZigguratR + a) : kZigguratR + a;
}

void RandomStream::fillNormal(std::span<double> out)
{
    // The ziggurat's rectangle test accepts ~99% of draws; it is inlined here and only the
    // rare edge and tail cases go through normal(), which replays the same logic on fresh
    // bits, so the sequence is the one a loop of normal() calls would give.
    const ZigguratTables &z = zigguratTables();
    for (double &v : out) {
        const std::uint64_t bits = next();
        const std::size_t layer = bits & 0xFF;
        const double x = static_cast<double>(static_cast<std::int64_t>(bits) >> 11) * 0x1.0p-52 * z.x[layer];
        v = std::abs(x) < z.x[layer + 1] ? x : normalSlowPath(layer, x);
    }
}

} // namespace e2i::kernels::causal
