#pragma once
// A numeric table read from CSV, shared by the SHAP and causal kernels.
#include "HugePageArray.h"

#include <cstddef>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace e2i::kernels {

// Thrown for malformed input; what() reads "FILE:LINE: column 'NAME': reason".
class CsvError : public std::runtime_error {
public:
    CsvError(std::string file, std::size_t line, std::string column, const std::string &reason);
    const std::string &file() const { return m_file; }
    std::size_t line() const { return m_line; }      // 1-based, the header is line 1
    const std::string &column() const { return m_column; }

private:
    std::string m_file;
    std::size_t m_line;
    std::string m_column;
};

// Column-major storage: values[c * rows + r]. Missing cells (empty, NA, NaN) are NaN.
// Move-only: the values are one large mapping.
struct CsvTable {
    std::vector<std::string> columns;
    std::size_t rows = 0;
    HugePageArray values;

    std::span<const double> column(std::size_t c) const { return {values.data() + c * rows, rows}; }
    std::optional<std::size_t> columnIndex(std::string_view name) const;
};

// Parses CSV text with a header line. `sourceName` only labels error messages.
CsvTable parseCsv(std::string_view text, const std::string &sourceName = "<memory>");
CsvTable readCsv(const std::string &path);

} // namespace e2i::kernels
