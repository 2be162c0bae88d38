#include "CsvTable.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <exception>
#include <thread>
#include <unordered_set>

#include <sys/mman.h>
#include <sys/stat.h>

namespace e2i::kernels {

namespace {

std::string formatCsvError(const std::string &file, std::size_t line, const std::string &column,
                           const std::string &reason)
{
    std::string message = file + ':' + std::to_string(line) + ": ";
    if (!column.empty())
        message += "column '" + column + "': ";
    return message + reason;
}

// Walks the text one field at a time. Fields may be quoted ("a,b" and "" for a quote);
// a quoted field may span lines, so the scanner owns the line counter.
class FieldScanner {
public:
    FieldScanner(std::string_view text, const std::string &source, std::size_t firstLine = 1)
        : m_text(text), m_source(source), m_line(firstLine)
    {
        constexpr std::string_view utf8Bom = "\xEF\xBB\xBF";
        if (m_text.starts_with(utf8Bom))
            m_pos = utf8Bom.size();
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    std::size_t position() const { return m_pos; }
    std::size_t line() const { return m_line; }

    // Skips blank lines (pandas does the same); returns false at the end of the text.
    bool skipBlankLines()
    {
        while (!atEnd() && (m_text[m_pos] == '\n' || m_text[m_pos] == '\r')) {
            if (m_text[m_pos] == '\n')
                ++m_line;
            ++m_pos;
        }
        return !atEnd();
    }

    // Reads one field; `lastInRecord` tells whether a line break or the end followed it.
    // Unquoted fields are views into the text; quoted ones are unescaped into `scratch`.
    std::string_view nextField(std::string &scratch, bool &lastInRecord, const std::string &column)
    {
        const bool quoted = !atEnd() && m_text[m_pos] == '"';
        const std::string_view field = quoted ? quotedField(scratch, column) : plainField();
        lastInRecord = consumeSeparator(column);
        return field;
    }

private:
    std::string_view plainField()
    {
        const std::size_t begin = m_pos;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == ',' || c == '\n' || c == '\r')
                break;
            ++m_pos;
        }
        return m_text.substr(begin, m_pos - begin);
    }

    std::string_view quotedField(std::string &scratch, const std::string &column)
    {
        const std::size_t startLine = m_line;
        scratch.clear();
        ++m_pos; // opening quote
        while (true) {
            if (atEnd())
                throw CsvError(m_source, startLine, column, "quoted field is not closed");
            const char c = m_text[m_pos++];
            if (c == '"') {
                if (m_pos < m_text.size() && m_text[m_pos] == '"') {
                    scratch.push_back('"');
                    ++m_pos;
                    continue;
                }
                return scratch;
            }
            if (c == '\n')
                ++m_line;
            scratch.push_back(c);
        }
    }

    bool consumeSeparator(const std::string &column)
    {
        if (atEnd())
            return true;
        const char c = m_text[m_pos];
        if (c == ',') {
            ++m_pos;
            return false;
        }
        if (c == '\r' || c == '\n') {
            // Records end at LF or CRLF only: rows are counted by LF to size the table once.
            if (c == '\r' && (m_pos + 1 >= m_text.size() || m_text[m_pos + 1] != '\n'))
                throw CsvError(m_source, m_line, column, "carriage return without a line feed");
            m_pos += c == '\r' ? 2 : 1;
            ++m_line;
            return true;
        }
        throw CsvError(m_source, m_line, column, "unexpected text after a closing quote");
    }

    std::string_view m_text;
    const std::string &m_source;
    std::size_t m_line;
    std::size_t m_pos = 0;
};

std::string_view trimSpaces(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size()
        && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return (x | 0x20) == (y | 0x20);
           });
}

bool isMissingToken(std::string_view s)
{
    return s.empty() || equalsIgnoringCase(s, "NA") || equalsIgnoringCase(s, "NaN");
}

std::optional<double> parseNumber(std::string_view s)
{
    s = trimSpaces(s);
    if (isMissingToken(s))
        return std::numeric_limits<double>::quiet_NaN();
    // from_chars rejects a leading '+', which spreadsheets sometimes write.
    if (s.size() > 1 && s.front() == '+' && s[1] != '-')
        s.remove_prefix(1);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec == std::errc::result_out_of_range)
        return std::nullopt;
    if (ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return value;
}

std::vector<std::string> readHeader(FieldScanner &scanner, const std::string &source)
{
    if (!scanner.skipBlankLines())
        throw CsvError(source, 1, {}, "the file is empty; a header line is required");
    std::vector<std::string> columns;
    std::unordered_set<std::string> seen;
    std::string scratch;
    bool last = false;
    const std::size_t headerLine = scanner.line();
    while (!last) {
        const std::string name(trimSpaces(scanner.nextField(scratch, last, {})));
        if (name.empty())
            throw CsvError(source, headerLine, {},
                           "header field " + std::to_string(columns.size() + 1) + " is empty");
        if (!seen.insert(name).second)
            throw CsvError(source, headerLine, name, "the column name appears twice in the header");
        columns.push_back(name);
    }
    return columns;
}

// A run of whole lines parsed by one thread into its own slice of the column-major buffer.
struct BodyChunk {
    std::string_view text;
    std::size_t firstLine = 0;
    std::size_t firstRow = 0;   // where its slice starts; rows past `rows` are unused
    std::size_t capacity = 0;   // line breaks + 1: at least as many as its records
    std::size_t rows = 0;
};

// Destination shared by all chunks: values[c * stride + row].
struct ColumnBuffer {
    double *values;
    std::size_t stride;
    const std::vector<std::string> &columns;
    const std::string &source;
};

std::vector<BodyChunk> splitAtLineBreaks(std::string_view body, std::size_t firstLine, std::size_t parts)
{
    std::vector<BodyChunk> chunks;
    std::size_t begin = 0;
    std::size_t line = firstLine;
    std::size_t row = 0;
    for (std::size_t i = 0; i < parts && begin < body.size(); ++i) {
        std::size_t end = body.size();
        if (i + 1 < parts) {
            const std::size_t cut = body.find('\n', std::max(begin, (i + 1) * body.size() / parts));
            end = cut == std::string_view::npos ? body.size() : cut + 1;
        }
        BodyChunk chunk;
        chunk.text = body.substr(begin, end - begin);
        chunk.firstLine = line;
        chunk.firstRow = row;
        const auto breaks = static_cast<std::size_t>(std::count(chunk.text.begin(), chunk.text.end(), '\n'));
        chunk.capacity = breaks + 1;
        chunks.push_back(chunk);
        line += breaks;
        row += chunk.capacity;
        begin = end;
    }
    return chunks;
}

void readRecord(FieldScanner &scanner, const ColumnBuffer &out, std::size_t row, std::string &scratch)
{
    const std::size_t recordLine = scanner.line();
    const std::size_t width = out.columns.size();
    bool last = false;
    std::size_t c = 0;
    for (; !last; ++c) {
        // Extra fields are still scanned so the error can count them.
        const std::string &name = c < width ? out.columns[c] : out.columns.back();
        const std::string_view field = scanner.nextField(scratch, last, name);
        if (c >= width)
            continue;
        const std::optional<double> value = parseNumber(field);
        if (!value)
            throw CsvError(out.source, recordLine, name,
                           "'" + std::string(trimSpaces(field).substr(0, 40)) + "' is not a number");
        out.values[c * out.stride + row] = *value;
    }
    if (c != width)
        throw CsvError(out.source, recordLine, c < width ? out.columns[c] : std::string{},
                       "expected " + std::to_string(width) + " fields, found " + std::to_string(c));
}

void parseChunk(BodyChunk &chunk, const ColumnBuffer &out)
{
    FieldScanner scanner(chunk.text, out.source, chunk.firstLine);
    std::string scratch;
    while (scanner.skipBlankLines())
        readRecord(scanner, out, chunk.firstRow + chunk.rows++, scratch);
}

// Chunks run on their own threads; the earliest chunk's error wins, as a serial parse would report.
void parseChunksInParallel(std::vector<BodyChunk> &chunks, const ColumnBuffer &out)
{
    std::vector<std::exception_ptr> errors(chunks.size());
    {
        std::vector<std::jthread> workers;
        for (std::size_t i = 1; i < chunks.size(); ++i)
            workers.emplace_back([&, i] {
                try {
                    parseChunk(chunks[i], out);
                } catch (...) {
                    errors[i] = std::current_exception();
                }
            });
        try {
            parseChunk(chunks[0], out);
        } catch (...) {
            errors[0] = std::current_exception();
        }
    }
    for (const std::exception_ptr &error : errors)
        if (error)
            std::rethrow_exception(error);
}

// Closes the gaps left by blank lines and by the per-chunk spare capacity.
void compactColumns(CsvTable &table, const std::vector<BodyChunk> &chunks, std::size_t stride)
{
    table.rows = 0;
    for (const BodyChunk &chunk : chunks)
        table.rows += chunk.rows;
    double *values = table.values.data();
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        std::size_t dense = c * table.rows;
        for (const BodyChunk &chunk : chunks) {
            const double *from = values + c * stride + chunk.firstRow;
            if (from != values + dense)
                std::copy(from, from + chunk.rows, values + dense); // dense never passes from
            dense += chunk.rows;
        }
    }
    // Reallocating to return a few spare rows per chunk would copy the whole table again.
    const std::size_t used = table.columns.size() * table.rows;
    table.values.resize(used);
    if (used < table.values.capacity() / 2)
        table.values.shrink_to_fit();
}

// Quoted fields can hide line breaks, so only quote-free bodies are split; small ones are not
// worth a thread.
std::size_t chunkCountFor(std::string_view body)
{
    constexpr std::size_t minBytesPerChunk = std::size_t(1) << 22;
    constexpr std::size_t maxChunks = 8;
    if (body.size() < 2 * minBytesPerChunk || body.find('"') != std::string_view::npos)
        return 1;
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    return std::min({cores, maxChunks, body.size() / minBytesPerChunk});
}

std::string readWholeStream(std::FILE *file, const std::string &path)
{
    std::string text;
    char buffer[1 << 16];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0)
        text.append(buffer, got);
    if (std::ferror(file))
        throw CsvError(path, 0, {}, "read error");
    return text;
}

// Maps a regular file read-only: copying a large file into a string cost more than parsing it.
class MappedFile {
public:
    MappedFile(int fd, std::size_t size)
        : m_size(size)
        , m_data(size ? ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED)
    {
    }
    ~MappedFile()
    {
        if (m_data != MAP_FAILED)
            ::munmap(m_data, m_size);
    }
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;

    bool valid() const { return m_data != MAP_FAILED; }
    std::string_view text() const { return {static_cast<const char *>(m_data), m_size}; }

private:
    std::size_t m_size;
    void *m_data;
};

} // namespace

CsvError::CsvError(std::string file, std::size_t line, std::string column, const std::string &reason)
    : std::runtime_error(formatCsvError(file, line, column, reason))
    , m_file(std::move(file))
    , m_line(line)
    , m_column(std::move(column))
{
}

std::optional<std::size_t> CsvTable::columnIndex(std::string_view name) const
{
    const auto it = std::find(columns.begin(), columns.end(), name);
    if (it == columns.end())
        return std::nullopt;
    return static_cast<std::size_t>(it - columns.begin());
}

CsvTable parseCsv(std::string_view text, const std::string &sourceName)
{
    FieldScanner scanner(text, sourceName);
    CsvTable table;
    table.columns = readHeader(scanner, sourceName);
    const std::string_view body = text.substr(scanner.position());
    std::vector<BodyChunk> chunks = splitAtLineBreaks(body, scanner.line(), chunkCountFor(body));
    const std::size_t stride = chunks.empty() ? 0 : chunks.back().firstRow + chunks.back().capacity;
    table.values.resize(table.columns.size() * stride);
    const ColumnBuffer out{table.values.data(), stride, table.columns, sourceName};
    if (chunks.size() > 1)
        parseChunksInParallel(chunks, out);
    else
        for (BodyChunk &chunk : chunks)
            parseChunk(chunk, out);
    compactColumns(table, chunks, stride);
    return table;
}

CsvTable readCsv(const std::string &path)
{
    const std::unique_ptr<std::FILE, int (*)(std::FILE *)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file)
        throw CsvError(path, 0, {}, std::string("cannot open: ") + std::strerror(errno));
    struct stat info {};
    const int fd = ::fileno(file.get());
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
        const MappedFile mapped(fd, static_cast<std::size_t>(info.st_size));
        if (mapped.valid())
            return parseCsv(mapped.text(), path);
    }
    return parseCsv(readWholeStream(file.get(), path), path);
}

} // namespace e2i::kernels
