// CsvTable: header handling, missing values, quoting, and errors that name file, line and column.
#include "io/CsvTable.h"

#include <QTemporaryDir>
#include <QTest>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using e2i::kernels::CsvError;
using e2i::kernels::CsvTable;
using e2i::kernels::parseCsv;

namespace {
constexpr std::size_t kLargeRows = 600000;
// Bodies from this size on are split between threads (two chunks of at least 4 MiB).
constexpr std::size_t kParallelBodyBytes = std::size_t(8) << 20;
constexpr std::size_t kDoublesPerHugePage = e2i::kernels::HugePageArray::hugePageBytes / sizeof(double);
constexpr int kVariedColumns = 3;

// Three columns of numbers (shortest round-trip spelling, sometimes padded or with a '+') and
// missing cells, a CRLF line now and then and a blank line after every 1000th; the values each
// cell must parse to go to `expected`, column-major. `quoteFirstCell` quotes the first data
// cell, which keeps the whole body on one thread without changing any value.
std::string variedTable(std::size_t rows, bool quoteFirstCell, std::vector<double> &expected)
{
    std::mt19937_64 rng(20261123);
    std::normal_distribution<double> normal(0.0, 1e3);
    std::uniform_int_distribution<int> spelling(0, 15);
    std::string text = "a,b,c\n";
    expected.assign(rows * kVariedColumns, 0.0);
    char digits[32];
    for (std::size_t r = 0; r < rows; ++r) {
        for (int c = 0; c < kVariedColumns; ++c) {
            const double value = normal(rng);
            const std::string number(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
            const int kind = spelling(rng);
            std::string cell = kind == 0 ? std::string("NA") : kind == 1 ? std::string() : kind == 2 ? std::string(" nan ")
                             : kind == 3 && value > 0 ? '+' + number : kind == 4 ? "  " + number + '\t' : number;
            expected[std::size_t(c) * rows + r] = kind <= 2 ? std::numeric_limits<double>::quiet_NaN() : value;
            if (quoteFirstCell && r == 0 && c == 0)
                cell = '"' + cell + '"';
            text += cell;
            text += c + 1 < kVariedColumns ? "," : r % 7 == 0 ? "\r\n" : "\n";
        }
        if (r % 1000 == 999)
            text += r % 2000 == 999 ? "\n" : "\r\n";
    }
    return text;
}

// Same doubles bit for bit (NaN included); names the first cell that differs.
void compareBits(const CsvTable &actual, const CsvTable &reference)
{
    QCOMPARE(actual.rows, reference.rows);
    QCOMPARE(actual.values.size(), reference.values.size());
    for (std::size_t i = 0; i < actual.values.size(); ++i)
        if (std::bit_cast<std::uint64_t>(actual.values[i]) != std::bit_cast<std::uint64_t>(reference.values[i]))
            QFAIL(qPrintable(QStringLiteral("column %1 row %2: %3 vs %4")
                                 .arg(i / actual.rows).arg(i % actual.rows)
                                 .arg(actual.values[i], 0, 'g', 17).arg(reference.values[i], 0, 'g', 17)));
}

// "row,row/2,NA-or-row" lines with a blank line after every 1000th; `badRow` gets a word.
std::string largeTable(std::size_t rows, long badRow)
{
    std::string text = "row,half,third\n";
    text.reserve(rows * 24);
    for (std::size_t r = 0; r < rows; ++r) {
        text += std::to_string(r) + ',';
        text += static_cast<long>(r) == badRow ? std::string("oops") : std::to_string(double(r) * 0.5);
        text += r % 3 == 0 ? std::string(",NA\n") : ',' + std::to_string(r) + '\n';
        if (r % 1000 == 0)
            text += '\n';
    }
    return text;
}
} // namespace

class tst_CsvTable : public QObject {
    Q_OBJECT

private slots:
    void parsesColumnMajorValues()
    {
        const CsvTable t = parseCsv("a,b,c\n1,2,3\n4,5.5,-6e2\n");
        QCOMPARE(t.columns, (std::vector<std::string>{"a", "b", "c"}));
        QCOMPARE(t.rows, std::size_t(2));
        QCOMPARE(std::vector<double>(t.values.begin(), t.values.end()), (std::vector<double>{1, 4, 2, 5.5, 3, -600}));
        QCOMPARE(t.column(1)[1], 5.5);
        QCOMPARE(t.columnIndex("c"), std::optional<std::size_t>(2));
        QVERIFY(!t.columnIndex("d"));
    }

    // Text cells fail by default (the SHAP data must be numeric); with textColumns their column
    // becomes sorted levels and indices, quoted cells included, missing NaN. A column mixing
    // numbers and text still fails at its first text cell: a typo, not a category.
    void textColumnsOnRequest()
    {
        const std::string text = "id,region,x\n1,north,0.5\n2,\"south\",1.5\n3,,2.5\n4,east,3.5\n5,north,NA\n";
        QVERIFY_THROWS_EXCEPTION(CsvError, parseCsv(text, "t.csv"));
        const CsvTable table = parseCsv(text, "t.csv", {.textColumns = true});
        QVERIFY(!table.isText(0));
        QVERIFY(table.isText(1));
        QVERIFY(!table.isText(2));
        QCOMPARE(table.levels[1], (std::vector<std::string>{"east", "north", "south"}));
        const auto region = table.column(1);
        QCOMPARE(region[0], 1.0);
        QCOMPARE(region[1], 2.0);
        QVERIFY(std::isnan(region[2]));
        QCOMPARE(region[3], 0.0);
        QCOMPARE(region[4], 1.0);
        QCOMPARE(table.column(2)[3], 3.5);
        QVERIFY(std::isnan(table.column(2)[4]));
        // A purely numeric table reads the same either way, with no levels.
        const CsvTable numeric = parseCsv("a,b\n1,2\n", "n.csv", {.textColumns = true});
        QVERIFY(!numeric.isText(0) && !numeric.isText(1));
        try {
            parseCsv("a,b\n1,2\n2,3\n3,abc\n4,5\n", "m.csv", {.textColumns = true});
            QFAIL("a number column with a typo was read as text");
        } catch (const CsvError &e) {
            QCOMPARE(e.line(), std::size_t(4));
            QCOMPARE(e.column(), std::string("b"));
        }
        // Field-count errors still fail with the option.
        QVERIFY_THROWS_EXCEPTION(CsvError, parseCsv("a,b\nx,2,3\n", "e.csv", {.textColumns = true}));
    }

    void missingTokens_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addRow("empty") << QString();
        QTest::addRow("NA") << QStringLiteral("NA");
        QTest::addRow("NaN") << QStringLiteral("NaN");
        QTest::addRow("nan lower case") << QStringLiteral("nan");
        QTest::addRow("padded NA") << QStringLiteral("  NA ");
        QTest::addRow("quoted empty") << QStringLiteral("\"\"");
    }

    void missingTokens()
    {
        QFETCH(QString, cell);
        const CsvTable t = parseCsv("x,y\n1," + cell.toStdString() + "\n");
        QCOMPARE(t.rows, std::size_t(1));
        QVERIFY(std::isnan(t.column(1)[0]));
        QCOMPARE(t.column(0)[0], 1.0);
    }

    void acceptedSpellings_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("expected");
        QTest::addRow("CRLF line ends") << QStringLiteral("v\r\n2.5\r\n") << 2.5;
        QTest::addRow("no final newline") << QStringLiteral("v\n7") << 7.0;
        QTest::addRow("blank lines skipped") << QStringLiteral("v\n\n8\n\n") << 8.0;
        QTest::addRow("leading plus") << QStringLiteral("v\n+3\n") << 3.0;
        QTest::addRow("quoted number") << QStringLiteral("v\n\"4.25\"\n") << 4.25;
        QTest::addRow("spaces around") << QStringLiteral("v\n  9 \n") << 9.0;
        QTest::addRow("utf-8 BOM") << QStringLiteral("\uFEFFv\n1\n") << 1.0;
        QTest::addRow("BOM after the header") << QStringLiteral("v\n\uFEFF6\n") << 6.0;
    }

    void acceptedSpellings()
    {
        QFETCH(QString, text);
        QFETCH(double, expected);
        const CsvTable t = parseCsv(text.toStdString());
        QCOMPARE(t.columns, std::vector<std::string>{"v"});
        QCOMPARE(t.rows, std::size_t(1));
        QCOMPARE(t.values.front(), expected);
    }

    void quotedHeaderNames()
    {
        const CsvTable t = parseCsv("\"a,1\",\"say \"\"hi\"\"\"\n1,2\n");
        QCOMPARE(t.columns, (std::vector<std::string>{"a,1", "say \"hi\""}));
    }

    void headerOnlyHasNoRows_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addRow("header line") << QStringLiteral("a,b\n");
        QTest::addRow("blank lines") << QStringLiteral("a,b\n\n\r\n\r\r\n");
        QTest::addRow("byte-order mark after the header") << QStringLiteral("a,b\n\uFEFF");
        QTest::addRow("byte-order mark and a blank line") << QStringLiteral("a,b\n\uFEFF\r\n");
    }

    void headerOnlyHasNoRows()
    {
        QFETCH(QString, text);
        const CsvTable t = parseCsv(text.toStdString());
        QCOMPARE(t.rows, std::size_t(0));
        QVERIFY(t.values.empty());
    }

    void rejectsWithLocation_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("reasonFragment");
        QTest::addRow("empty file") << QString() << 1 << QString() << QStringLiteral("header line is required");
        QTest::addRow("empty header name") << QStringLiteral("a,,c\n") << 1 << QString() << QStringLiteral("header field 2 is empty");
        QTest::addRow("duplicate header") << QStringLiteral("a,b,a\n") << 1 << QStringLiteral("a") << QStringLiteral("appears twice");
        QTest::addRow("text in numeric cell") << QStringLiteral("a,b\n1,2\n3,abc\n") << 3 << QStringLiteral("b") << QStringLiteral("'abc' is not a number");
        QTest::addRow("trailing garbage") << QStringLiteral("a\n1.5x\n") << 2 << QStringLiteral("a") << QStringLiteral("not a number");
        QTest::addRow("too few fields") << QStringLiteral("a,b,c\n1,2\n") << 2 << QStringLiteral("c") << QStringLiteral("expected 3 fields, found 2");
        QTest::addRow("too many fields") << QStringLiteral("a,b\n1,2,3\n") << 2 << QString() << QStringLiteral("expected 2 fields, found 3");
        QTest::addRow("unclosed quote") << QStringLiteral("a\n\"12\n") << 2 << QStringLiteral("a") << QStringLiteral("not closed");
        QTest::addRow("text after quote") << QStringLiteral("a,b\n\"1\"x,2\n") << 2 << QStringLiteral("a") << QStringLiteral("after a closing quote");
        QTest::addRow("lone carriage return") << QStringLiteral("a,b\n1\r2,3\n") << 2 << QStringLiteral("a") << QStringLiteral("carriage return");
        QTest::addRow("out of range") << QStringLiteral("a\n1e999\n") << 2 << QStringLiteral("a") << QStringLiteral("not a number");
        QTest::addRow("BOM inside the body") << QStringLiteral("a\n1\n\uFEFF2\n") << 3 << QStringLiteral("a") << QStringLiteral("is not a number");
        QTest::addRow("line counted after blank lines") << QStringLiteral("a\n1\n\n\nz\n") << 5 << QStringLiteral("a") << QStringLiteral("'z'");
    }

    void rejectsWithLocation()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(QString, column);
        QFETCH(QString, reasonFragment);
        try {
            parseCsv(text.toStdString(), "input.csv");
            QFAIL("malformed CSV was accepted");
        } catch (const CsvError &e) {
            const QString message = QString::fromStdString(e.what());
            QCOMPARE(e.file(), std::string("input.csv"));
            QCOMPARE(e.line(), std::size_t(line));
            QCOMPARE(QString::fromStdString(e.column()), column);
            QVERIFY2(message.startsWith(QStringLiteral("input.csv:%1: ").arg(line)), qPrintable(message));
            QVERIFY2(message.contains(reasonFragment), qPrintable(message));
        }
    }

    void readsFileAndMatchesInMemoryParse()
    {
        std::mt19937_64 rng(20261123);
        std::normal_distribution<double> normal;
        std::ostringstream text;
        text.precision(17);
        text << "f0,f1,f2\n";
        for (int r = 0; r < 500; ++r)
            text << normal(rng) << ',' << (r % 7 == 0 ? std::string("NA") : std::to_string(r)) << ','
                 << normal(rng) << '\n';
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath(QStringLiteral("t.csv")).toStdString();
        std::ofstream(path) << text.str();

        const CsvTable fromFile = e2i::kernels::readCsv(path);
        const CsvTable fromText = parseCsv(text.str());
        QCOMPARE(fromFile.rows, std::size_t(500));
        QCOMPARE(fromFile.columns, fromText.columns);
        for (std::size_t i = 0; i < fromFile.values.size(); ++i)
            QVERIFY(fromFile.values[i] == fromText.values[i]
                    || (std::isnan(fromFile.values[i]) && std::isnan(fromText.values[i])));
        QVERIFY(std::isnan(fromFile.column(1)[0]));
        QCOMPARE(fromFile.column(1)[1], 1.0);
    }

    // Bodies over a few MB are parsed by several threads; the result and the error lines must
    // be those of a serial parse.
    void largeBodyParsesLikeSerial()
    {
        const std::string text = largeTable(kLargeRows, -1);
        const CsvTable t = parseCsv(text);
        QCOMPARE(t.rows, kLargeRows);
        for (std::size_t r = 0; r < t.rows; r += 9973) {
            QCOMPARE(t.column(0)[r], double(r));
            QCOMPARE(t.column(1)[r], double(r) * 0.5);
            QCOMPARE(std::isnan(t.column(2)[r]), r % 3 == 0);
        }
        QCOMPARE(t.column(0)[t.rows - 1], double(kLargeRows - 1));
    }

    // The parallel parse writes into huge pages that its threads fault in themselves; row
    // counts are picked so columns end on a huge page boundary or straddle one.
    void parallelParseMatchesOneThreadParse_data()
    {
        QTest::addColumn<qulonglong>("rows");
        QTest::addRow("columns end on huge pages") << qulonglong(2 * kDoublesPerHugePage);
        QTest::addRow("columns straddle huge pages") << qulonglong(2 * kDoublesPerHugePage + 12345);
    }

    void parallelParseMatchesOneThreadParse()
    {
        QFETCH(qulonglong, rows);
        std::vector<double> expected;
        const std::string text = variedTable(rows, false, expected);
        QVERIFY2(text.size() > kParallelBodyBytes, "the body must be large enough to be split");
        const CsvTable parallel = parseCsv(text);
        QCOMPARE(parallel.rows, std::size_t(rows));
        for (std::size_t i = 0; i < expected.size(); ++i)
            if (!(parallel.values[i] == expected[i] || (std::isnan(parallel.values[i]) && std::isnan(expected[i]))))
                QFAIL(qPrintable(QStringLiteral("column %1 row %2: %3, expected %4").arg(i / rows).arg(i % rows)
                                     .arg(parallel.values[i], 0, 'g', 17).arg(expected[i], 0, 'g', 17)));

        std::vector<double> sameValues;
        compareBits(parallel, parseCsv(variedTable(rows, true, sameValues)));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath(QStringLiteral("varied.csv")).toStdString();
        std::ofstream(path, std::ios::binary) << text;
        compareBits(e2i::kernels::readCsv(path), parallel);
    }

    void largeBodyErrorHasSerialLineNumber()
    {
        const std::size_t badRow = kLargeRows - 10;
        try {
            parseCsv(largeTable(kLargeRows, static_cast<long>(badRow)), "big.csv");
            QFAIL("malformed CSV was accepted");
        } catch (const CsvError &e) {
            // header + one data line per row + a blank line after rows 0, 1000, 2000, ...
            const std::size_t blankLinesBefore = (badRow - 1) / 1000 + 1;
            const std::size_t expectedLine = 2 + badRow + blankLinesBefore;
            QCOMPARE(e.line(), expectedLine);
            QCOMPARE(e.column(), std::string("half"));
        }
    }

    void missingFileNamesThePath()
    {
        try {
            e2i::kernels::readCsv("/nonexistent/dir/x.csv");
            QFAIL("missing file was accepted");
        } catch (const CsvError &e) {
            QVERIFY2(QString::fromStdString(e.what()).startsWith(QStringLiteral("/nonexistent/dir/x.csv:")), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(tst_CsvTable)
#include "tst_CsvTable.moc"
