#include "Distributions.h"

#include <cmath>
#include <initializer_list>
#include <limits>

namespace e2i::kernels::causal {
namespace {

constexpr int kMaxFractionTerms = 400;
constexpr double kFractionEpsilon = 1e-16;
constexpr double kTiny = 1e-300;

// Continued fraction for I_x(a, b), valid when x < (a + 1) / (a + b + 2).
double betaContinuedFraction(double a, double b, double x)
{
    double c = 1.0;
    double d = 1.0 - (a + b) * x / (a + 1.0);
    d = 1.0 / (std::abs(d) < kTiny ? kTiny : d);
    double h = d;
    for (int m = 1; m <= kMaxFractionTerms; ++m) {
        const double m2 = 2.0 * m;
        for (const double numerator : {m * (b - m) * x / ((a + m2 - 1.0) * (a + m2)),
                                       -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0))}) {
            d = 1.0 + numerator * d;
            d = 1.0 / (std::abs(d) < kTiny ? kTiny : d);
            c = 1.0 + numerator / c;
            if (std::abs(c) < kTiny)
                c = kTiny;
            h *= d * c;
            if (std::abs(d * c - 1.0) < kFractionEpsilon)
                return h;
        }
    }
    return h;
}

double logBetaPrefactor(double a, double b, double x)
{
    return std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
}

double regularizedIncompleteBeta(double a, double b, double x)
{
    if (x <= 0.0)
        return 0.0;
    if (x >= 1.0)
        return 1.0;
    if (x < (a + 1.0) / (a + b + 2.0))
        return std::exp(logBetaPrefactor(a, b, x)) * betaContinuedFraction(a, b, x) / a;
    return 1.0 - std::exp(logBetaPrefactor(a, b, x)) * betaContinuedFraction(b, a, 1.0 - x) / b;
}

// P(T > |t|) for one tail, computed without subtracting from 1.
double studentTUpperTail(double t, double dof)
{
    const double x = dof / (dof + t * t);
    return 0.5 * regularizedIncompleteBeta(0.5 * dof, 0.5, x);
}

} // namespace

double normalCdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double normalQuantile(double p)
{
    // Bisection on erfc is plenty for the few quantiles the refuters need.
    double lo = -40.0, hi = 40.0;
    for (int i = 0; i < 200 && hi - lo > 1e-15 * (1.0 + std::abs(lo)); ++i) {
        const double mid = 0.5 * (lo + hi);
        (normalCdf(mid) < p ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

double studentTCdf(double t, double dof)
{
    const double tail = studentTUpperTail(t, dof);
    return t >= 0.0 ? 1.0 - tail : tail;
}

double studentTTwoSidedP(double t, double dof)
{
    if (std::isinf(t))
        return 0.0;
    return 2.0 * studentTUpperTail(t, dof);
}

double studentTQuantile(double p, double dof)
{
    if (p == 0.5)
        return 0.0;
    const bool upper = p > 0.5;
    const double tail = upper ? 1.0 - p : p;
    double lo = 0.0, hi = 1.0;
    while (studentTUpperTail(hi, dof) > tail)
        hi *= 2.0;
    for (int i = 0; i < 300 && hi - lo > 1e-15 * hi; ++i) {
        const double mid = 0.5 * (lo + hi);
        (studentTUpperTail(mid, dof) > tail ? lo : hi) = mid;
    }
    const double q = 0.5 * (lo + hi);
    return upper ? q : -q;
}

} // namespace e2i::kernels::causal
