// libFuzzer target: any bytes given to the CSV reader either parse or are rejected with a
// CsvError; a parsed table is consistent with its size.
#include "io/CsvTable.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    try {
        const e2i::kernels::CsvTable table = e2i::kernels::parseCsv(std::string_view(reinterpret_cast<const char *>(data), size), "fuzz.csv");
        if (table.values.size() != table.rows * table.columns.size())
            std::abort();
    } catch (const e2i::kernels::CsvError &) {
        // Rejected with a reason.
    }
    return 0;
}
