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
    // Common causes to one-hot encode although they hold numbers (codes); a text column of
    // the table (CsvOptions::textColumns) is encoded whether listed here or not.
    std::vector<std::string> categorical = {};
};

// The 0/1 indicator columns one categorical common cause became: commonCause(first) ..
// commonCause(first + count - 1), one per level but the first (dropped, as pandas'
// get_dummies(drop_first=True) that DoWhy uses): each row has at most one of them set.
struct CategoricalGroup {
    std::size_t first = 0;
    std::size_t count = 0;
};

struct CausalData {
    CausalSpec spec;
    std::size_t rows = 0;
    std::vector<double> treatment;
    std::vector<double> outcome;
    std::vector<double> commonCauses; // commonCauses[j * rows + i]
    std::vector<CategoricalGroup> categoricalGroups; // spec.commonCauses holds "name=level" for them

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
// Categorical common causes (text columns, or listed in spec.categorical) are one-hot encoded
// with the first level (sorted) dropped; a missing cell in one is an error like any other.
CausalData causalDataFromTable(const CsvTable &table, const CausalSpec &spec, const std::string &source);

} // namespace e2i::kernels::causal
