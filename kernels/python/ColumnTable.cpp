#include "ColumnTable.h"

#include <pybind11/numpy.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace py = pybind11;

namespace e2i::python {

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

// One column as numpy sees it; a pandas Series or a list become an array here.
py::array columnArray(const py::handle &data, const std::string &name)
{
    auto array = py::array::ensure(data[py::str(name)]);
    if (!array)
        throw py::value_error("column '" + name + "' is not array-like");
    if (array.ndim() != 1)
        throw py::value_error("column '" + name + "' must be 1-D, not " + std::to_string(array.ndim()) + "-D");
    return array;
}

bool isMissing(const py::handle &cell)
{
    if (cell.is_none())
        return true;
    return py::isinstance<py::float_>(cell) && std::isnan(cell.cast<double>());
}

// Strings (or bytes) and missing cells; nullopt when a cell is anything else.
std::optional<std::vector<std::optional<std::string>>> textCells(const py::array &array)
{
    std::vector<std::optional<std::string>> cells;
    for (const py::handle cell : array.attr("tolist")()) {
        if (isMissing(cell))
            cells.emplace_back();
        else if (py::isinstance<py::str>(cell) || py::isinstance<py::bytes>(cell))
            cells.emplace_back(cell.cast<std::string>());
        else
            return std::nullopt;
    }
    return cells;
}

bool holdsStrings(const py::array &array)
{
    const char kind = array.dtype().kind();
    return kind == 'U' || kind == 'S';
}

// Writes the level index of every cell; returns the sorted distinct texts.
std::vector<std::string> encodeText(const std::vector<std::optional<std::string>> &cells, double *out)
{
    std::vector<std::string> levels;
    for (const auto &cell : cells)
        if (cell)
            levels.push_back(*cell);
    std::sort(levels.begin(), levels.end());
    levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
    for (std::size_t r = 0; r < cells.size(); ++r)
        out[r] = cells[r] ? static_cast<double>(std::lower_bound(levels.begin(), levels.end(), *cells[r]) - levels.begin())
                          : kMissing;
    return levels;
}

void readNumbers(const py::array &array, const std::string &name, double *out)
{
    // numpy's own casting: bool and integers exactly, None as NaN in object columns.
    const auto numbers = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(array);
    if (!numbers)
        throw py::value_error("column '" + name + "' is neither numbers nor text (text and numbers mixed?)");
    std::copy_n(numbers.data(), numbers.size(), out);
}

// Fills `out` with the column's numbers, or its level indices (returning the levels).
std::vector<std::string> readColumn(const py::array &array, const std::string &name, double *out)
{
    if (holdsStrings(array) || array.dtype().kind() == 'O') {
        const auto cells = textCells(array);
        const bool anyText = cells && std::any_of(cells->begin(), cells->end(), [](const auto &c) { return c.has_value(); });
        if (anyText)
            return encodeText(*cells, out);
    }
    readNumbers(array, name, out);
    return {};
}

} // namespace

kernels::CsvTable tableFromColumns(const py::handle &data, const std::vector<std::string> &names)
{
    std::vector<std::pair<std::string, py::array>> columns;
    for (const std::string &name : names)
        if (data.contains(py::str(name))
            && std::none_of(columns.begin(), columns.end(), [&](const auto &c) { return c.first == name; }))
            columns.emplace_back(name, columnArray(data, name));
    kernels::CsvTable table;
    table.rows = columns.empty() ? 0 : static_cast<std::size_t>(columns.front().second.size());
    for (const auto &[name, array] : columns)
        if (static_cast<std::size_t>(array.size()) != table.rows)
            throw py::value_error("column '" + name + "' has " + std::to_string(array.size()) + " values but '"
                                  + columns.front().first + "' has " + std::to_string(table.rows));
    table.values = kernels::HugePageArray(columns.size() * table.rows);
    for (std::size_t c = 0; c < columns.size(); ++c) {
        table.columns.push_back(columns[c].first);
        table.levels.push_back(readColumn(columns[c].second, columns[c].first, table.values.data() + c * table.rows));
    }
    return table;
}

} // namespace e2i::python
