#include "CsvTable.h"

#include "common/ParallelRunner.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
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

    // The common cell, an unquoted number running straight into its separator, parsed without
    // first scanning for the field's end. Anything else (spaces, '+', NA, quotes, bad text) is
    // left untouched for nextField, so it reads and fails exactly as before.
    bool nextPlainNumber(double &value, bool &lastInRecord, const std::string &column)
    {
        if (atEnd() || !startsPlainNumber(m_text[m_pos]))
            return false;
        const char *begin = m_text.data() + m_pos;
        const char *end = m_text.data() + m_text.size();
        const auto [stop, ec] = std::from_chars(begin, end, value);
        if (ec != std::errc() || (stop != end && !isSeparator(*stop)))
            return false;
        m_pos += static_cast<std::size_t>(stop - begin);
        lastInRecord = consumeSeparator(column);
        return true;
    }

private:
    static bool startsPlainNumber(char c) { return (c >= '0' && c <= '9') || c == '-' || c == '.'; }
    static bool isSeparator(char c) { return c == ',' || c == '\n' || c == '\r'; }

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

std::string_view withoutByteOrderMark(std::string_view text)
{
    constexpr std::string_view utf8Bom = "\xEF\xBB\xBF";
    return text.starts_with(utf8Bom) ? text.substr(utf8Bom.size()) : text;
}

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
    std::size_t lineBreaks = 0;
    std::size_t records = 0;    // lines holding more than CR: its records, if it parses
    bool quoted = false;
    std::size_t firstLine = 0;
    std::size_t firstRow = 0;   // where its slice of every column starts
};

// Destination shared by all chunks: values[c * stride + row]. With textSeen (one flag per
// column), a cell that is not a number marks its column as text instead of failing.
struct ColumnBuffer {
    double *values;
    std::size_t stride;
    const std::vector<std::string> &columns;
    const std::string &source;
    std::atomic<bool> *textSeen = nullptr;
};

// Views into the body, cut just after a line feed.
std::vector<BodyChunk> splitAtLineBreaks(std::string_view body, std::size_t parts)
{
    std::vector<BodyChunk> chunks;
    std::size_t begin = 0;
    for (std::size_t i = 0; i < parts && begin < body.size(); ++i) {
        std::size_t end = body.size();
        if (i + 1 < parts) {
            const std::size_t cut = body.find('\n', std::max(begin, (i + 1) * body.size() / parts));
            end = cut == std::string_view::npos ? body.size() : cut + 1;
        }
        chunks.push_back(BodyChunk{.text = body.substr(begin, end - begin)});
        begin = end;
    }
    return chunks;
}

// A record starts on a line holding more than CR (blank lines are skipped) and ends at that
// line's LF: a field spanning lines would hold a line break, which is never a number. So a
// body that parses has exactly one record per such line, and the chunks' slices leave no gaps;
// a body that does not parse still has no more records than lines, so no slice overflows.
void countLines(BodyChunk &chunk)
{
    const std::string_view text = chunk.text;
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string_view::npos)
            end = text.size();
        else
            ++chunk.lineBreaks;
        if (text.find_first_not_of('\r', begin) < end)
            ++chunk.records;
        begin = end + 1;
    }
    chunk.quoted = text.find('"') != std::string_view::npos;
}

// Quoted fields can hide line breaks, so a body with quotes is parsed by one thread.
void mergeIfQuoted(std::vector<BodyChunk> &chunks)
{
    if (chunks.size() < 2 || std::none_of(chunks.begin(), chunks.end(), [](const BodyChunk &c) { return c.quoted; }))
        return;
    BodyChunk whole = chunks.front();
    for (std::size_t i = 1; i < chunks.size(); ++i) {
        whole.text = {whole.text.data(), whole.text.size() + chunks[i].text.size()};
        whole.lineBreaks += chunks[i].lineBreaks;
        whole.records += chunks[i].records;
    }
    chunks.assign(1, whole);
}

// Gives each chunk its first line number and its slice; returns the rows of all of them.
std::size_t placeChunks(std::vector<BodyChunk> &chunks, std::size_t firstLine)
{
    std::size_t line = firstLine;
    std::size_t row = 0;
    for (BodyChunk &chunk : chunks) {
        chunk.firstLine = line;
        chunk.firstRow = row;
        line += chunk.lineBreaks;
        row += chunk.records;
    }
    return row;
}

void readRecord(FieldScanner &scanner, const ColumnBuffer &out, std::size_t row, std::string &scratch)
{
    const std::size_t recordLine = scanner.line();
    const std::size_t width = out.columns.size();
    bool last = false;
    std::size_t c = 0;
    for (; !last; ++c) {
        double number = 0.0;
        if (c < width && scanner.nextPlainNumber(number, last, out.columns[c])) {
            out.values[c * out.stride + row] = number;
            continue;
        }
        // Extra fields are still scanned so the error can count them.
        const std::string &name = c < width ? out.columns[c] : out.columns.back();
        const std::string_view field = scanner.nextField(scratch, last, name);
        if (c >= width)
            continue;
        const std::optional<double> value = parseNumber(field);
        if (!value && out.textSeen) {
            out.textSeen[c].store(true, std::memory_order_relaxed);
            out.values[c * out.stride + row] = std::numeric_limits<double>::quiet_NaN(); // set by the text pass
            continue;
        }
        if (!value)
            throw CsvError(out.source, recordLine, name,
                           "'" + std::string(trimSpaces(field).substr(0, 40)) + "' is not a number");
        out.values[c * out.stride + row] = *value;
    }
    if (c != width)
        throw CsvError(out.source, recordLine, c < width ? out.columns[c] : std::string{},
                       "expected " + std::to_string(width) + " fields, found " + std::to_string(c));
}

void parseChunk(const BodyChunk &chunk, const ColumnBuffer &out)
{
    FieldScanner scanner(chunk.text, out.source, chunk.firstLine);
    std::string scratch;
    for (std::size_t row = chunk.firstRow; scanner.skipBlankLines(); ++row)
        readRecord(scanner, out, row, scratch);
}

// Runs `task` on every chunk, each on its own worker of the kernels' parallel runner; the
// earliest chunk's error wins, as a serial parse would report.
template <typename Task>
void forEachChunkInParallel(std::vector<BodyChunk> &chunks, const Task &task)
{
    const ParallelPlan plan{chunks.size(), 1, static_cast<unsigned>(chunks.size())};
    runInParallel(plan, [&]() -> BlockWork {
        return [&](std::size_t first, std::size_t last, const std::atomic<bool> &) {
            for (std::size_t i = first; i < last; ++i)
                task(chunks[i]);
        };
    });
}

// Small bodies are not worth a thread.
std::size_t chunkCountFor(std::string_view body)
{
    constexpr std::size_t minBytesPerChunk = std::size_t(1) << 22;
    constexpr std::size_t maxChunks = 8;
    if (body.size() < 2 * minBytesPerChunk)
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

// The text of one column, cell by cell, and where its first text (not number) cell was.
struct TextColumn {
    std::vector<std::string> cells; // empty for a missing cell
    std::size_t firstTextLine = 0;
    std::string firstText;
    bool hasNumber = false;
};

// A column mixing numbers and text is most likely numeric data with a typo: an error at its
// first text cell, as without textColumns, rather than a column of hundreds of levels.
void requireAllText(const TextColumn &column, const std::string &name, const std::string &source)
{
    if (column.hasNumber)
        throw CsvError(source, column.firstTextLine, name,
                       "'" + column.firstText.substr(0, 40) + "' is not a number (the column's other cells are numbers)");
}

// Turns a text column's cells into sorted levels and their indices (NaN for missing cells).
void encodeLevels(const TextColumn &column, std::vector<std::string> &levels, double *values)
{
    for (const std::string &cell : column.cells)
        if (!cell.empty())
            levels.push_back(cell);
    std::sort(levels.begin(), levels.end());
    levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
    for (std::size_t r = 0; r < column.cells.size(); ++r)
        values[r] = column.cells[r].empty()
            ? std::numeric_limits<double>::quiet_NaN()
            : static_cast<double>(std::lower_bound(levels.begin(), levels.end(), column.cells[r]) - levels.begin());
}

// The second pass for the columns where the first found text: every cell again, as text.
// Serial: text columns are rare, and only they pay for it.
void readTextColumns(std::string_view body, std::size_t firstLine, const std::string &source,
                     const std::vector<std::uint8_t> &isText, CsvTable &table)
{
    const std::size_t width = table.columns.size();
    std::vector<TextColumn> text(width);
    FieldScanner scanner(body, source, firstLine);
    std::string scratch;
    while (scanner.skipBlankLines()) {
        const std::size_t line = scanner.line();
        bool last = false;
        for (std::size_t c = 0; c < width; ++c) {
            const std::string_view field = trimSpaces(scanner.nextField(scratch, last, table.columns[c]));
            if (!isText[c])
                continue;
            TextColumn &column = text[c];
            const bool missing = isMissingToken(field);
            const bool number = !missing && parseNumber(field).has_value();
            column.cells.emplace_back(missing ? std::string() : std::string(field));
            column.hasNumber |= number;
            if (!missing && !number && column.firstTextLine == 0) {
                column.firstTextLine = line;
                column.firstText = std::string(field);
            }
        }
    }
    table.levels.assign(width, {});
    for (std::size_t c = 0; c < width; ++c) {
        if (!isText[c])
            continue;
        requireAllText(text[c], table.columns[c], source);
        encodeLevels(text[c], table.levels[c], table.values.data() + c * table.rows);
    }
}

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

CsvTable parseCsv(std::string_view text, const std::string &sourceName, CsvOptions options)
{
    text = withoutByteOrderMark(text);
    FieldScanner scanner(text, sourceName);
    CsvTable table;
    table.columns = readHeader(scanner, sourceName);
    // A mark right after the header is skipped too, as it always was; one at the start of a
    // later line is text, wherever the body happens to be split.
    const std::string_view body = withoutByteOrderMark(text.substr(scanner.position()));
    std::vector<BodyChunk> chunks = splitAtLineBreaks(body, chunkCountFor(body));
    forEachChunkInParallel(chunks, countLines);
    mergeIfQuoted(chunks);
    table.rows = placeChunks(chunks, scanner.line());
    // Not zero-filled: each parsing thread faults in the pages of its own slices.
    table.values = HugePageArray(table.columns.size() * table.rows);
    const auto textSeen = std::make_unique<std::atomic<bool>[]>(table.columns.size());
    const ColumnBuffer out{table.values.data(), table.rows, table.columns, sourceName,
                           options.textColumns ? textSeen.get() : nullptr};
    forEachChunkInParallel(chunks, [&out](const BodyChunk &chunk) { parseChunk(chunk, out); });
    std::vector<std::uint8_t> isText(table.columns.size());
    for (std::size_t c = 0; c < isText.size(); ++c)
        isText[c] = textSeen[c].load();
    if (std::find(isText.begin(), isText.end(), 1) != isText.end())
        readTextColumns(body, scanner.line(), sourceName, isText, table);
    return table;
}

CsvTable readCsv(const std::string &path, CsvOptions options)
{
    const std::unique_ptr<std::FILE, int (*)(std::FILE *)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file)
        throw CsvError(path, 0, {}, std::string("cannot open: ") + std::strerror(errno));
    struct stat info {};
    const int fd = ::fileno(file.get());
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
        const MappedFile mapped(fd, static_cast<std::size_t>(info.st_size));
        if (mapped.valid())
            return parseCsv(mapped.text(), path, options);
    }
    return parseCsv(readWholeStream(file.get(), path), path, options);
}

} // namespace e2i::kernels
