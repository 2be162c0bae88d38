#pragma once
// The text form of a refutation report, as `e2i-kernels refute` prints it and
// `e2ictl jobs submit refute --wait` prints a platform job's report: the estimate,
// one line per refuter, failed simulations, and the linear estimator's sensitivity.
#include "RefutationRunner.h"

#include <string>

namespace e2i::kernels::causal {

std::string refutationReportToText(const RefutationReport &report);

} // namespace e2i::kernels::causal
