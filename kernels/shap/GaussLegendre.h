#pragma once
// Gauss–Legendre quadrature on [0, 1]: n nodes integrate polynomials of degree <= 2n - 1
// exactly. Nodes come from Newton's method on the Legendre polynomial P_n.
#include <vector>

namespace e2i::kernels::shap {

struct GaussLegendre {
    std::vector<double> nodes;
    std::vector<double> weights; // sum to 1

    static GaussLegendre withPoints(int n);
};

} // namespace e2i::kernels::shap
