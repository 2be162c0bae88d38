#pragma once
// The variables of one backdoor-adjusted effect: treatment, outcome and common causes,
// column-major, complete (no missing values) and validated.
#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace e2i::kernels {
struct CsvTable;
}

namespace e2i::kernels::causal {

// Invalid data or specification; what() names the source, line, column and the problem.
class CausalInputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct CausalSpec {
    std::string treatment;
    std::string outcome;
    std::vector<std::string> commonCauses;
};

struct CausalData {
    CausalSpec spec;
    std::size_t rows = 0;
    std::vector<double> treatment;
    std::vector<double> outcome;
    std::vector<double> commonCauses; // commonCauses[j * rows + i]

    std::size_t commonCauseCount() const { return spec.commonCauses.size(); }
    std::span<const double> commonCause(std::size_t j) const { return {commonCauses.data() + j * rows, rows}; }
    bool binaryTreatment() const;
};

// True when every value is 0 or 1.
bool isBinary(std::span<const double> values);

// Builds the data from in-memory columns and validates it; `source` labels error messages.
CausalData makeCausalData(CausalSpec spec, std::vector<double> treatment, std::vector<double> outcome,
                          std::vector<double> commonCauses, const std::string &source = "<memory>");

// Selects the spec's columns from a CSV table (line numbers in errors count the header as 1).
CausalData causalDataFromTable(const CsvTable &table, const CausalSpec &spec, const std::string &source);

} // namespace e2i::kernels::causal
