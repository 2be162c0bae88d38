#include "GaussLegendre.h"

#include <cmath>
#include <numbers>

namespace e2i::kernels::shap {

namespace {

struct LegendreValue {
    double value;      // P_n(x)
    double derivative; // P_n'(x)
};

LegendreValue legendre(int n, double x)
{
    double previous = 1.0;
    double current = x;
    for (int k = 2; k <= n; ++k) {
        const double next = ((2 * k - 1) * x * current - (k - 1) * previous) / k;
        previous = current;
        current = next;
    }
    if (n == 0)
        return {1.0, 0.0};
    return {current, n * (x * current - previous) / (x * x - 1.0)};
}

} // namespace

GaussLegendre GaussLegendre::withPoints(int n)
{
    GaussLegendre rule;
    for (int i = 1; i <= n; ++i) {
        // Tricomi's estimate of the i-th root, then Newton until it no longer moves.
        double x = std::cos(std::numbers::pi * (i - 0.25) / (n + 0.5));
        LegendreValue p = legendre(n, x);
        for (int iteration = 0; iteration < 100; ++iteration) {
            const double step = p.value / p.derivative;
            x -= step;
            p = legendre(n, x);
            if (std::fabs(step) < 1e-16)
                break;
        }
        const double weight = 2.0 / ((1.0 - x * x) * p.derivative * p.derivative);
        rule.nodes.push_back((1.0 - x) / 2.0); // map [-1, 1] to [0, 1], ascending
        rule.weights.push_back(weight / 2.0);
    }
    return rule;
}

} // namespace e2i::kernels::shap
