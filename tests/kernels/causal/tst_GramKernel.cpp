// GramKernel (the Gram-based refits' hot loop) in both of its builds, the generic x86-64 one and
// the AVX2 + FMA one the refits choose on CPUs that have it, against Eigen's product: shapes
// that exercise every edge of its tiling (a column count that is not a whole tile, one column,
// rows that are not a whole number of 4-row steps or 128-row chunks), sums over several calls,
// and reset.
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
    if (GramKernel::best() == GramKernel::Isa::Avx2Fma)
        return {GramKernel::Isa::Generic, GramKernel::Isa::Avx2Fma};
    return {GramKernel::Isa::Generic};
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
            QVERIFY2(relativeError(lowerOf(kernel), reference) < kTolerance, isa == GramKernel::Isa::Generic ? "generic" : "avx2");
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
};

QTEST_GUILESS_MAIN(tst_GramKernel)
#include "tst_GramKernel.moc"
