#pragma once
// The JSON form of a refutation report (the CLI's --json output and the console's export):
// {"estimate": {"estimator", "effect", "std_error", "ci_low", "ci_high", "p_value", "n"},
//  "refutations": [{"refuter", "new_effect", "new_effect_std", "p_value", "passed",
//                   "simulations", ...}],
//  "sensitivity": {"partial_r2", "robustness_value", "robustness_value_alpha", ...},
//  "warnings": ["poor overlap: ...", ...]}   (always present; empty when there is none)
// Undefined numbers (no p-value, failed refits) are null.
#include "RefutationRunner.h"

#include <string>

namespace e2i::kernels::causal {

// includeSimulations adds each refuter's simulated effects ("simulated_effects").
std::string refutationReportToJson(const RefutationReport &report, bool includeSimulations = false, int indent = 2);

} // namespace e2i::kernels::causal
