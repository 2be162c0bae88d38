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
//
// levels: one entry per column, empty for numeric columns. A text column (read only with
// CsvOptions::textColumns) has its distinct texts here, sorted, and its values are indices
// into them (0, 1, ...), NaN for missing cells. A text column holds no numbers: one that
// mixes numbers and text is an error at its first text cell (most likely a typo in numeric
// data; numeric category codes are declared categorical by the caller instead).
struct CsvTable {
    std::vector<std::string> columns;
    std::size_t rows = 0;
    HugePageArray values;
    std::vector<std::vector<std::string>> levels;

    std::span<const double> column(std::size_t c) const { return {values.data() + c * rows, rows}; }
    std::optional<std::size_t> columnIndex(std::string_view name) const;
    bool isText(std::size_t c) const { return c < levels.size() && !levels[c].empty(); }
};

struct CsvOptions {
    // false: a cell that is not a number is an error (the SHAP data). true: its column is
    // read as text (categorical common causes); this costs a second, serial pass over the
    // body, taken only when some column holds text.
    bool textColumns = false;
};

// Parses CSV text with a header line. `sourceName` only labels error messages.
CsvTable parseCsv(std::string_view text, const std::string &sourceName = "<memory>", CsvOptions options = {});
CsvTable readCsv(const std::string &path, CsvOptions options = {});

} // namespace e2i::kernels
