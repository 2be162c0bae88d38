#include "ShapCsvWriter.h"

#include <charconv>
#include <stdexcept>

namespace e2i::kernels::shap {

namespace {

// Flushed in large blocks: formatting, not the stream, should be the cost.
class CsvBuffer {
public:
    explicit CsvBuffer(std::FILE *out) : m_out(out) { m_text.reserve(kFlushSize + 4096); }

    void text(std::string_view s) { m_text.append(s); }
    void separator() { m_text.push_back(','); }
    void number(double v)
    {
        char buffer[32];
        const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
        m_text.append(buffer, ec == std::errc() ? end : buffer);
    }
    void integer(std::size_t v) { m_text.append(std::to_string(v)); }
    void endLine()
    {
        m_text.push_back('\n');
        if (m_text.size() >= kFlushSize)
            flush();
    }
    void flush()
    {
        if (!m_text.empty() && std::fwrite(m_text.data(), 1, m_text.size(), m_out) != m_text.size())
            throw std::runtime_error("writing the SHAP values failed");
        m_text.clear();
    }

private:
    static constexpr std::size_t kFlushSize = 1 << 20;
    std::FILE *m_out;
    std::string m_text;
};

// Names are written as given unless they need quoting.
void writeName(CsvBuffer &csv, const std::string &name)
{
    if (name.find_first_of(",\"\n\r") == std::string::npos) {
        csv.text(name);
        return;
    }
    std::string quoted = "\"";
    for (const char c : name) {
        if (c == '"')
            quoted.push_back('"');
        quoted.push_back(c);
    }
    csv.text(quoted + '"');
}

void writeHeader(CsvBuffer &csv, const ShapResult &result, const std::vector<std::string> &names)
{
    if (result.interactions)
        csv.text("row,");
    if (result.groups > 1)
        csv.text("class,");
    if (result.interactions)
        csv.text("feature,");
    for (const std::string &name : names) {
        writeName(csv, name);
        csv.separator();
    }
    csv.text("bias");
    csv.endLine();
}

void writeValues(CsvBuffer &csv, const double *values, std::size_t count)
{
    for (std::size_t i = 0; i < count; ++i) {
        if (i)
            csv.separator();
        csv.number(values[i]);
    }
    csv.endLine();
}

void writeInteractionRow(CsvBuffer &csv, const ShapResult &result, const std::vector<std::string> &names, std::size_t r,
                         int group)
{
    const std::size_t width = result.width();
    const double *matrix = result.row(group, r);
    for (std::size_t i = 0; i < width; ++i) {
        csv.integer(r);
        csv.separator();
        if (result.groups > 1) {
            csv.integer(static_cast<std::size_t>(group));
            csv.separator();
        }
        if (i < names.size())
            writeName(csv, names[i]);
        else
            csv.text("bias");
        csv.separator();
        writeValues(csv, matrix + i * width, width);
    }
}

} // namespace

void writeShapCsv(std::FILE *out, const ShapResult &result, const std::vector<std::string> &names)
{
    CsvBuffer csv(out);
    writeHeader(csv, result, names);
    for (std::size_t r = 0; r < result.rows; ++r)
        for (int g = 0; g < result.groups; ++g) {
            if (result.interactions) {
                writeInteractionRow(csv, result, names, r, g);
                continue;
            }
            if (result.groups > 1) {
                csv.integer(static_cast<std::size_t>(g));
                csv.separator();
            }
            writeValues(csv, result.row(g, r), result.width());
        }
    csv.flush();
    if (std::fflush(out) != 0)
        throw std::runtime_error("writing the SHAP values failed");
}

} // namespace e2i::kernels::shap
