#pragma once
// Confounded synthetic data with a known average treatment effect, for the causal tests.
// Common causes x0..x(p-1) ~ N(0, 1); treatment depends on x0 and x1 (logistic for a binary
// treatment, linear for a continuous one); outcome = trueEffect * t + x-effects + N(0, 1).
#include "causal/CausalData.h"
#include "causal/RandomStream.h"

#include <cmath>
#include <string>
#include <vector>

namespace e2i::kernels::causal::testing {

struct SyntheticSpec {
    std::size_t rows = 2000;
    std::size_t commonCauses = 3;
    double trueEffect = 2.0;
    bool binaryTreatment = true;
    std::uint64_t seed = 7;
};

inline CausalData makeSyntheticData(const SyntheticSpec &s)
{
    RandomStream rng(s.seed, 0, 0);
    const std::size_t n = s.rows, p = s.commonCauses;
    std::vector<double> x(n * p), t(n), y(n);
    rng.fillNormal(x);
    CausalSpec spec{"t", "y", {}};
    for (std::size_t j = 0; j < p; ++j)
        spec.commonCauses.push_back("x" + std::to_string(j));
    for (std::size_t i = 0; i < n; ++i) {
        const double x0 = x[i], x1 = p > 1 ? x[n + i] : 0.0;
        const double drive = 0.8 * x0 - 0.6 * x1;
        t[i] = s.binaryTreatment ? (rng.uniform() < 1.0 / (1.0 + std::exp(-drive)) ? 1.0 : 0.0) : drive + rng.normal();
        double outcome = s.trueEffect * t[i] + rng.normal();
        for (std::size_t j = 0; j < p; ++j)
            outcome += (1.0 - 0.3 * static_cast<double>(j)) * x[j * n + i];
        y[i] = outcome;
    }
    return makeCausalData(spec, std::move(t), std::move(y), std::move(x));
}

} // namespace e2i::kernels::causal::testing
