#pragma once
// A refutation report's JSON that is not what refutationReportToJson writes: what() names
// the source, the field ("refutations[2].p_value") and what is wrong with it.
#include <stdexcept>

namespace e2i::kernels::causal {

class RefutationJsonError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace e2i::kernels::causal
