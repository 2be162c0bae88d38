// The histogram behind each refuter's plot: every finite value lands in exactly one bin,
// failed refits (NaN) are left out, and degenerate samples still give a drawable bin.
#include "analysis/HistogramBins.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <vector>

using e2i::analysis::histogramOf;
using e2i::analysis::suggestedBinCount;

Q_DECLARE_METATYPE(std::vector<double>)
Q_DECLARE_METATYPE(std::vector<std::size_t>)

class tst_HistogramBins : public QObject
{
    Q_OBJECT

private slots:
    void countsPerBin_data();
    void countsPerBin();
    void equalValuesGetOneNonEmptyBin();
    void binCountFollowsTheSquareRootRule_data();
    void binCountFollowsTheSquareRootRule();
};

void tst_HistogramBins::countsPerBin_data()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QTest::addColumn<std::vector<double>>("values");
    QTest::addColumn<std::size_t>("bins");
    QTest::addColumn<std::vector<std::size_t>>("counts");
    QTest::addRow("maximum falls in the last bin") << std::vector<double>{0, 1, 2, 3, 4} << std::size_t(2)
                                                   << std::vector<std::size_t>{2, 3};
    QTest::addRow("NaN and infinity left out") << std::vector<double>{nan, 0, 10, std::numeric_limits<double>::infinity()}
                                               << std::size_t(2) << std::vector<std::size_t>{1, 1};
    QTest::addRow("negative values, edges of width 1 at -3, -2, -1") << std::vector<double>{-3, -2.5, -1, 0} << std::size_t(3)
                                     << std::vector<std::size_t>{2, 0, 2};
    QTest::addRow("nothing finite") << std::vector<double>{nan, nan} << std::size_t(3) << std::vector<std::size_t>{0, 0, 0};
}

void tst_HistogramBins::countsPerBin()
{
    QFETCH(std::vector<double>, values);
    QFETCH(std::size_t, bins);
    QFETCH(std::vector<std::size_t>, counts);
    const auto histogram = histogramOf(values, bins);
    QCOMPARE(histogram.counts, counts);
}

void tst_HistogramBins::equalValuesGetOneNonEmptyBin()
{
    const std::vector<double> values(7, 2.5);
    const auto histogram = histogramOf(values, 5);
    QCOMPARE(histogram.total(), std::size_t(7));
    QVERIFY(histogram.width > 0.0);
    QVERIFY(histogram.edge(0) <= 2.5 && 2.5 <= histogram.edge(histogram.counts.size()));
}

void tst_HistogramBins::binCountFollowsTheSquareRootRule_data()
{
    QTest::addColumn<std::size_t>("sample");
    QTest::addColumn<std::size_t>("bins");
    QTest::addRow("tiny sample: at least 5") << std::size_t(3) << std::size_t(5);
    QTest::addRow("100 simulations: 10") << std::size_t(100) << std::size_t(10);
    QTest::addRow("101 rounds up") << std::size_t(101) << std::size_t(11);
    QTest::addRow("huge sample: at most 40") << std::size_t(1000000) << std::size_t(40);
}

void tst_HistogramBins::binCountFollowsTheSquareRootRule()
{
    QFETCH(std::size_t, sample);
    QFETCH(std::size_t, bins);
    QCOMPARE(suggestedBinCount(sample), bins);
}

QTEST_APPLESS_MAIN(tst_HistogramBins)
#include "tst_HistogramBins.moc"
