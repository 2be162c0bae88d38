#pragma once
// The JSON form of a refutation report: the CLI's --json output, the e2i_kernels module's
// dict (and so the platform's e2i.causal.refute result) and the console's export, all one
// writer; and its reader, which rebuilds the report from it (the console shows a report
// computed on the platform as it shows its own):
// {"estimate": {"estimator", "effect", "std_error", "ci_low", "ci_high", "p_value",
//               "t_statistic", "residual_dof", "n", ["att", "atc": weighting estimators]},
//  "warnings": ["poor overlap: ...", ...],   (always present; empty when there is none)
//  "refutations": [{"refuter", "original_effect", "reference_effect", "new_effect",
//                   "new_effect_std", "new_effect_min", "new_effect_max", "p_value", "passed",
//                   "simulations", "failed_simulations", "valid_simulations",
//                   "significance_test", "simulated_effects", ["strength_grid": unobserved]}],
//  "sensitivity": {"estimate", "std_error", "t_statistic", "dof", "q", "alpha", "partial_r2",
//                  "robustness_value", "robustness_value_alpha"} or null (linear only)}
// Numbers that are not finite (a failed refit's effect, an undefined robustness value) are
// null and read back as NaN; a report from runRefutation holds no infinities (it throws on
// them), so a report written and read back is equal to the one written, bit for bit. A
// p_value of null is a refutation without one (the unobserved grid, or no simulation ran).
#include "RefutationJsonError.h"
#include "RefutationRunner.h"

#include <string>
#include <string_view>

namespace e2i::kernels::causal {

std::string refutationReportToJson(const RefutationReport &report, int indent = 2);

// Throws RefutationJsonError; `source` (a file name, "job 1234") starts its messages.
RefutationReport refutationReportFromJson(std::string_view json, const std::string &source);

} // namespace e2i::kernels::causal
