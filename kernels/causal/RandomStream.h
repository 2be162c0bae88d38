#pragma once
// Counter-based random streams: every simulation draws from its own xoshiro256++ generator
// whose state is derived by SplitMix64 from (seed, refuter, simulation index). A simulation's
// draws therefore do not depend on which thread runs it or in which order, so results are
// identical for any thread count.
// xoshiro256++: Blackman & Vigna, "Scrambled linear pseudorandom number generators" (2021).
// Normals: the ziggurat of Marsaglia & Tsang (2000) with 256 layers and Doornik's (2005)
// fix of using independent bits for the layer and the abscissa; about 3 ns per draw.
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>

namespace e2i::kernels::causal {

class RandomStream {
public:
    RandomStream(std::uint64_t seed, std::uint64_t streamId, std::uint64_t index);

    std::uint64_t next()
    {
        const std::uint64_t result = std::rotl(m_state[0] + m_state[3], 23) + m_state[0];
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = std::rotl(m_state[3], 45);
        return result;
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; } // [0, 1)
    std::uint64_t below(std::uint64_t n);   // uniform on [0, n), unbiased (Lemire)
    double normal();                        // N(0, 1), ziggurat
    void fillNormal(std::span<double> out); // N(0, 1), one normal() per element

private:
    double normalSlowPath(std::size_t layer, double x);
    double normalTail(bool negative);

    std::array<std::uint64_t, 4> m_state{};
};

} // namespace e2i::kernels::causal
