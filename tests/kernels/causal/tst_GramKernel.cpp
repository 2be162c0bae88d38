// GramKernel (the Gram-based refits' hot loop) in both of its builds, the generic x86-64 one and
// the AVX2 + FMA one the refits choose on CPUs that have it, against Eigen's product: shapes
// that exercise every edge of its tiling (a column count that is not a whole tile, one column,
// rows that are not a whole number of 4-row steps or 128-row chunks), sums over several calls,
// and reset. addCrossProducts (the placebo's and random common cause's loop) in both builds
// against Eigen's dot product, bit for bit.
#include "causal/CrossProducts.h"
#include "causal/GramKernel.h"
#include "causal/RandomStream.h"

#include <QTest>

#include <Eigen/Dense>

#include <vector>

using namespace e2i::kernels::causal;

namespace {

constexpr double kTolerance = 1e-12;

Eigen::MatrixXd randomMatrix(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed)
{
    RandomStream stream(seed, 0, 0);
    std::vector<double> values(static_cast<std::size_t>(rows * cols));
    stream.fillNormal(values);
    return Eigen::Map<Eigen::MatrixXd>(values.data(), rows, cols);
}

std::vector<const double *> columnPointers(const Eigen::MatrixXd &m, Eigen::Index firstRow)
{
    std::vector<const double *> columns;
    for (Eigen::Index c = 0; c < m.cols(); ++c)
        columns.push_back(m.col(c).data() + firstRow);
    return columns;
}

Eigen::MatrixXd lowerOf(const GramKernel &kernel)
{
    const auto k = static_cast<Eigen::Index>(kernel.columns());
    Eigen::MatrixXd lower = Eigen::MatrixXd::Zero(k, k);
    kernel.lowerTriangle(lower.data());
    return lower;
}

double relativeError(const Eigen::MatrixXd &lower, const Eigen::MatrixXd &reference)
{
    const Eigen::MatrixXd expected = reference.triangularView<Eigen::Lower>();
    return (lower - expected).cwiseAbs().maxCoeff() / expected.cwiseAbs().maxCoeff();
}

std::vector<GramKernel::Isa> isasToTest()
{
    switch (GramKernel::best()) {
    case GramKernel::Isa::Avx512: return {GramKernel::Isa::Generic, GramKernel::Isa::Avx2Fma, GramKernel::Isa::Avx512};
    case GramKernel::Isa::Avx2Fma: return {GramKernel::Isa::Generic, GramKernel::Isa::Avx2Fma};
    case GramKernel::Isa::Generic: break;
    }
    return {GramKernel::Isa::Generic};
}

const char *isaName(GramKernel::Isa isa)
{
    switch (isa) {
    case GramKernel::Isa::Avx512: return "avx512";
    case GramKernel::Isa::Avx2Fma: return "avx2";
    case GramKernel::Isa::Generic: break;
    }
    return "generic";
}

} // namespace

class tst_GramKernel : public QObject {
    Q_OBJECT

private slots:
    void equalsEigenProduct_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::newRow("refit shape 23 columns") << 1031 << 23;
        QTest::newRow("one column") << 7 << 1;
        QTest::newRow("whole tiles, three rows") << 3 << 12;
        QTest::newRow("13 columns, one chunk and a bit") << 129 << 13;
        QTest::newRow("many columns") << 260 << 41;
    }

    void equalsEigenProduct()
    {
        QFETCH(int, rows);
        QFETCH(int, cols);
        const Eigen::MatrixXd m = randomMatrix(rows, cols, 7);
        const Eigen::MatrixXd reference = m.transpose() * m;
        for (const GramKernel::Isa isa : isasToTest()) {
            GramKernel kernel(static_cast<std::size_t>(cols), isa);
            kernel.add(columnPointers(m, 0), static_cast<std::size_t>(rows));
            QVERIFY2(relativeError(lowerOf(kernel), reference) < kTolerance, isaName(isa));
        }
    }

    void sumsAcrossCallsAndResets()
    {
        const Eigen::MatrixXd m = randomMatrix(1000, 23, 11);
        const Eigen::MatrixXd reference = m.transpose() * m;
        for (const GramKernel::Isa isa : isasToTest()) {
            GramKernel kernel(23, isa);
            kernel.add(columnPointers(m, 0), 1000);
            kernel.reset();
            kernel.add(columnPointers(m, 0), 333);
            kernel.add(columnPointers(m, 333), 667);
            QVERIFY(relativeError(lowerOf(kernel), reference) < kTolerance);
        }
    }

    void wideBuildEqualsAvx2BuildExactly_data() { equalsEigenProduct_data(); }

    void wideBuildEqualsAvx2BuildExactly()
    {
        // The AVX-512 build does the AVX2 + FMA build's arithmetic two entries per instruction:
        // the same sums bit for bit, weighted (bootstrap counts 0-3) and not. (On a CPU without
        // AVX-512 this compares the AVX2 build with itself; without AVX2, the generic one.)
        QFETCH(int, rows);
        QFETCH(int, cols);
        const Eigen::MatrixXd m = randomMatrix(rows, cols, 9);
        std::vector<double> counts(static_cast<std::size_t>(rows));
        RandomStream stream(5, 0, 0);
        for (double &c : counts)
            c = static_cast<double>(stream.below(4));
        const GramKernel::Isa reference = isasToTest().size() > 1 ? GramKernel::Isa::Avx2Fma : GramKernel::Isa::Generic;
        for (const GramKernel::Isa isa : isasToTest()) {
            if (isa == GramKernel::Isa::Generic)
                continue;
            GramKernel plain(static_cast<std::size_t>(cols), isa), plainReference(static_cast<std::size_t>(cols), reference);
            GramKernel weighted(static_cast<std::size_t>(cols), isa), weightedReference(static_cast<std::size_t>(cols), reference);
            plain.add(columnPointers(m, 0), static_cast<std::size_t>(rows));
            plainReference.add(columnPointers(m, 0), static_cast<std::size_t>(rows));
            weighted.addWeighted(columnPointers(m, 0), counts);
            weightedReference.addWeighted(columnPointers(m, 0), counts);
            QVERIFY2(lowerOf(plain) == lowerOf(plainReference), isaName(isa));
            QVERIFY2(lowerOf(weighted) == lowerOf(weightedReference), isaName(isa));
        }
    }

    void crossProductsEqualEigenDotExactly()
    {
        // Every row count up to three whole 4-row steps and a bit (each of Eigen's endings:
        // one row, one packet, a leftover packet, an odd last row), the refits' block and its
        // neighbours; 1 to 13 vectors (groups of 8, 4 and single ones); an unaligned start.
        const Eigen::MatrixXd x = randomMatrix(1100, 3, 21);
        const Eigen::MatrixXd v = randomMatrix(1100, 13, 22);
        std::vector<int> rowCounts;
        for (int rows = 1; rows <= 14; ++rows)
            rowCounts.push_back(rows);
        rowCounts.insert(rowCounts.end(), {1023, 1024, 1025, 1026, 1027});
        for (const GramKernel::Isa isa : isasToTest())
            for (const Eigen::Index offset : {0, 1})
                for (const int rows : rowCounts)
                    for (Eigen::Index m = 1; m <= v.cols(); ++m) {
                        Eigen::MatrixXd products = Eigen::MatrixXd::Constant(x.cols(), m, 0.25);
                        addCrossProducts(columnPointers(x, offset), columnPointers(v.leftCols(m), offset),
                                         static_cast<std::size_t>(rows), products.data(), isa);
                        for (Eigen::Index j = 0; j < x.cols(); ++j)
                            for (Eigen::Index k = 0; k < m; ++k) {
                                const double dot = x.col(j).segment(offset, rows).dot(v.col(k).segment(offset, rows));
                                // Exactly (QCOMPARE would compare doubles fuzzily).
                                QVERIFY2(products(j, k) == 0.25 + dot,
                                         qPrintable(QStringLiteral("%1 rows, %2 vectors, offset %3: %4 != %5")
                                                        .arg(rows).arg(m).arg(offset)
                                                        .arg(products(j, k), 0, 'g', 17).arg(0.25 + dot, 0, 'g', 17)));
                            }
                    }
    }
};

QTEST_GUILESS_MAIN(tst_GramKernel)
#include "tst_GramKernel.moc"
