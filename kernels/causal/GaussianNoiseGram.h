#pragma once
// The bootstrap refuter adds N(0, sigma_j^2) noise to every resampled cell of each
// continuous common cause (DoWhy's default): at a million rows that is n x p fresh normals
// per simulation, which cost more than everything else in the refutation. The refit only
// needs the Gram matrix of the noisy design D = W + [0, E], and that can be sampled
// exactly in distribution from W'W alone.
//
// With W (n x m, rank r) = U S V' and E (n x q) independent normals scaled by sigma:
//   W'E      = F Z diag(sigma),                     F = V S (m x r), Z = U'E / sigma ~ N(0, 1) (r x q)
//   E'E      = diag(sigma) (Z'Z + Y) diag(sigma),   Y = E'(I - UU')E / sigma^2 ~ Wishart_q(n - r, I)
// where Y is independent of Z because the two are projections of E on orthogonal spaces.
// Y is drawn by the Bartlett decomposition (q chi-squares and q(q-1)/2 normals), or, when
// n - r < q, as the Gram of n - r explicit rows. So a simulation costs O(m^3 + q^2) draws
// and flops instead of n q normals.
#include "RandomStream.h"

#include <Eigen/Core>

#include <vector>

namespace e2i::kernels::causal {

// `gram`: W'W (m x m, both triangles) of the n rows drawn; on return the Gram of the noisy
// design, whose columns `noisy` carry noise of standard deviation `sigma` (same order).
void addGaussianNoiseGram(Eigen::MatrixXd &gram, Eigen::Index rows, const std::vector<Eigen::Index> &noisy,
                          const Eigen::VectorXd &sigma, RandomStream &stream);

// Chi-square with `degrees` > 0, as twice a Gamma(degrees / 2) drawn by Marsaglia & Tsang
// (2000), with their boost U^(1/a) for shapes below one.
double drawChiSquared(RandomStream &stream, double degrees);

} // namespace e2i::kernels::causal
