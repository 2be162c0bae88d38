#include "GaussianNoiseGram.h"

#include <Eigen/Eigenvalues>

#include <cmath>

namespace e2i::kernels::causal {
namespace {

// Eigenvalues below this fraction of the largest count as zero: W'W of a resample can be
// singular (a column constant in the drawn rows), and then F spans only W's column space.
constexpr double kRankTolerance = 1e-12;

double drawGamma(RandomStream &stream, double shape)
{
    if (shape < 1.0)
        return drawGamma(stream, shape + 1.0) * std::pow(stream.uniform(), 1.0 / shape);
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        const double x = stream.normal();
        const double v = std::pow(1.0 + c * x, 3);
        if (v <= 0.0)
            continue;
        const double u = stream.uniform();
        if (u < 1.0 - 0.0331 * x * x * x * x || std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v)))
            return d * v;
    }
}

// F with F F' = gram, restricted to the positive eigenvalues.
Eigen::MatrixXd gramFactor(const Eigen::MatrixXd &gram)
{
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(gram);
    const Eigen::VectorXd &values = eigen.eigenvalues(); // ascending
    const double largest = values.size() > 0 ? values(values.size() - 1) : 0.0;
    Eigen::Index first = 0;
    while (first < values.size() && values(first) <= kRankTolerance * largest)
        ++first;
    const Eigen::Index rank = values.size() - first;
    return eigen.eigenvectors().rightCols(rank) * values.tail(rank).cwiseSqrt().asDiagonal();
}

// Y ~ Wishart_q(degrees, I).
Eigen::MatrixXd drawStandardWishart(RandomStream &stream, Eigen::Index q, Eigen::Index degrees)
{
    if (degrees < q) { // singular Wishart: the Gram of the rows themselves
        Eigen::MatrixXd rows(degrees, q);
        stream.fillNormal({rows.data(), static_cast<std::size_t>(rows.size())});
        return rows.transpose() * rows;
    }
    Eigen::MatrixXd t = Eigen::MatrixXd::Zero(q, q); // Bartlett: Y = T T'
    for (Eigen::Index i = 0; i < q; ++i) {
        t(i, i) = std::sqrt(drawChiSquared(stream, static_cast<double>(degrees - i)));
        for (Eigen::Index j = 0; j < i; ++j)
            t(i, j) = stream.normal();
    }
    return t * t.transpose();
}

} // namespace

double drawChiSquared(RandomStream &stream, double degrees)
{
    return 2.0 * drawGamma(stream, degrees / 2.0);
}

void addGaussianNoiseGram(Eigen::MatrixXd &gram, Eigen::Index rows, const std::vector<Eigen::Index> &noisy,
                          const Eigen::VectorXd &sigma, RandomStream &stream)
{
    const auto q = static_cast<Eigen::Index>(noisy.size());
    if (q == 0)
        return;
    const Eigen::MatrixXd factor = gramFactor(gram);
    Eigen::MatrixXd z(factor.cols(), q);
    stream.fillNormal({z.data(), static_cast<std::size_t>(z.size())});
    const Eigen::MatrixXd cross = factor * z * sigma.asDiagonal(); // W'E, m x q
    const Eigen::MatrixXd noise = sigma.asDiagonal()
        * (z.transpose() * z + drawStandardWishart(stream, q, rows - factor.cols())) * sigma.asDiagonal();
    for (Eigen::Index j = 0; j < q; ++j) {
        gram.col(noisy[std::size_t(j)]) += cross.col(j);
        gram.row(noisy[std::size_t(j)]) += cross.col(j).transpose();
    }
    for (Eigen::Index j = 0; j < q; ++j)
        for (Eigen::Index k = 0; k < q; ++k)
            gram(noisy[std::size_t(j)], noisy[std::size_t(k)]) += noise(j, k);
}

} // namespace e2i::kernels::causal
