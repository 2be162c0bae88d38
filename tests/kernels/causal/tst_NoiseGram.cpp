// The bootstrap's sampled noise Gram (GaussianNoiseGram.h) against the Gram of explicitly
// noised data: for a fixed design W, many draws of each must agree in the mean and the
// variance of every entry and of the treatment coefficient solved from them. A sampler
// that dropped a term (the projected part Z'Z, the cross terms, a wrong Wishart degree)
// moves a mean by many standard errors. Also the chi-square sampler's moments.
#include "causal/GaussianNoiseGram.h"
#include "causal/RandomStream.h"

#include <QTest>

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <functional>

using namespace e2i::kernels::causal;

namespace {

constexpr int kDraws = 20'000;
constexpr double kStandardErrors = 5.0;
// Entries without noise are equal up to rounding; their "variance" is rounding noise.
constexpr double kRoundingFloor = 1e-12;
constexpr Eigen::Index kTreatmentColumn = 3; // W = [1, x1, x2, t, y]
constexpr Eigen::Index kOutcomeColumn = 4;
const std::vector<Eigen::Index> kNoisyColumns{1, 2};

// Running mean, variance and fourth central moment estimate, for two-sample comparisons.
struct Moments {
    std::vector<double> values;
    double mean() const
    {
        double sum = 0.0;
        for (const double v : values)
            sum += v;
        return sum / double(values.size());
    }
    double centralMoment(int power) const
    {
        const double m = mean();
        double sum = 0.0;
        for (const double v : values)
            sum += std::pow(v - m, power);
        return sum / double(values.size());
    }
};

Eigen::MatrixXd makeDesign(Eigen::Index rows, bool duplicateColumn)
{
    RandomStream stream(7, 7, 7);
    Eigen::MatrixXd w(rows, 5);
    for (Eigen::Index i = 0; i < rows; ++i) {
        const double x1 = stream.normal(), x2 = stream.normal();
        const double t = 0.5 * x1 + stream.normal();
        w.row(i) << 1.0, x1, duplicateColumn ? x1 : x2, t, 2.0 * t + x1 - x2 + stream.normal();
    }
    return w;
}

double treatmentCoefficient(const Eigen::MatrixXd &gram)
{
    const Eigen::MatrixXd g = gram.topLeftCorner(kOutcomeColumn, kOutcomeColumn);
    return g.completeOrthogonalDecomposition().solve(gram.col(kOutcomeColumn).head(kOutcomeColumn))(kTreatmentColumn);
}

// Every statistic the comparison looks at, for one noisy Gram.
std::vector<double> statistics(const Eigen::MatrixXd &gram)
{
    std::vector<double> out(gram.data(), gram.data() + gram.size());
    out.push_back(treatmentCoefficient(gram));
    return out;
}

std::vector<Moments> collect(const std::function<Eigen::MatrixXd(RandomStream &)> &drawGram, std::uint64_t streamId)
{
    std::vector<Moments> moments;
    for (int d = 0; d < kDraws; ++d) {
        RandomStream stream(2026, streamId, std::uint64_t(d));
        const std::vector<double> values = statistics(drawGram(stream));
        moments.resize(values.size());
        for (std::size_t k = 0; k < values.size(); ++k)
            moments[k].values.push_back(values[k]);
    }
    return moments;
}

} // namespace

class tst_NoiseGram : public QObject {
    Q_OBJECT
private slots:
    void sampledGramMatchesExplicitNoise_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<bool>("duplicateColumn");
        QTest::addRow("Bartlett Wishart") << 30 << false;
        QTest::addRow("singular Wishart (n - rank < noisy columns)") << 6 << false;
        QTest::addRow("rank-deficient design") << 30 << true;
    }
    void sampledGramMatchesExplicitNoise()
    {
        QFETCH(int, rows);
        QFETCH(bool, duplicateColumn);
        const Eigen::MatrixXd w = makeDesign(rows, duplicateColumn);
        const Eigen::VectorXd sigma = Eigen::Vector2d(0.3, 0.7);
        const Eigen::MatrixXd clean = w.transpose() * w;
        const auto explicitGram = [&](RandomStream &stream) {
            Eigen::MatrixXd d = w;
            for (std::size_t j = 0; j < kNoisyColumns.size(); ++j)
                for (Eigen::Index i = 0; i < rows; ++i)
                    d(i, kNoisyColumns[j]) += sigma(Eigen::Index(j)) * stream.normal();
            return Eigen::MatrixXd(d.transpose() * d);
        };
        const auto sampledGram = [&](RandomStream &stream) {
            Eigen::MatrixXd gram = clean;
            addGaussianNoiseGram(gram, rows, kNoisyColumns, sigma, stream);
            return gram;
        };
        const std::vector<Moments> expected = collect(explicitGram, 1);
        const std::vector<Moments> sampled = collect(sampledGram, 2);
        for (std::size_t k = 0; k < expected.size(); ++k) {
            const double varianceE = expected[k].centralMoment(2), varianceS = sampled[k].centralMoment(2);
            const double meanSe = std::sqrt((varianceE + varianceS) / kDraws);
            const double scale = 1.0 + expected[k].mean() * expected[k].mean();
            QVERIFY2(std::abs(expected[k].mean() - sampled[k].mean()) <= kStandardErrors * meanSe + kRoundingFloor * scale,
                     qPrintable(QStringLiteral("statistic %1: mean %2 explicit, %3 sampled").arg(k).arg(expected[k].mean()).arg(sampled[k].mean())));
            // Rounding can make the fourth-moment estimate of a constant entry a hair negative.
            const double varianceSe = std::sqrt(std::max(0.0, (expected[k].centralMoment(4) - varianceE * varianceE
                                                               + sampled[k].centralMoment(4) - varianceS * varianceS) / kDraws));
            QVERIFY2(std::abs(varianceE - varianceS) <= kStandardErrors * varianceSe + kRoundingFloor * scale,
                     qPrintable(QStringLiteral("statistic %1: variance %2 explicit, %3 sampled").arg(k).arg(varianceE).arg(varianceS)));
        }
    }

    void chiSquaredHasItsMoments_data()
    {
        QTest::addColumn<double>("degrees");
        QTest::addRow("0.7 (shape below one)") << 0.7;
        QTest::addRow("3.5") << 3.5;
        QTest::addRow("999,977 (a million-row Wishart)") << 999'977.0;
    }
    void chiSquaredHasItsMoments()
    {
        QFETCH(double, degrees);
        constexpr int kChiDraws = 200'000;
        RandomStream stream(1, 2, 3);
        double sum = 0.0, squares = 0.0;
        for (int i = 0; i < kChiDraws; ++i) {
            const double x = drawChiSquared(stream, degrees);
            QVERIFY(x >= 0.0);
            sum += x;
            squares += x * x;
        }
        const double mean = sum / kChiDraws;
        const double variance = squares / kChiDraws - mean * mean;
        QVERIFY2(std::abs(mean - degrees) < kStandardErrors * std::sqrt(2.0 * degrees / kChiDraws), qPrintable(QString::number(mean)));
        // Var of the sample variance of a chi-square: (mu4 - sigma^4) / N with mu4 = 12 k (k + 4).
        const double mu4 = 12.0 * degrees * (degrees + 4.0);
        const double varianceSe = std::sqrt((mu4 - 4.0 * degrees * degrees) / kChiDraws);
        QVERIFY2(std::abs(variance - 2.0 * degrees) < kStandardErrors * varianceSe, qPrintable(QString::number(variance)));
    }
};

QTEST_GUILESS_MAIN(tst_NoiseGram)
#include "tst_NoiseGram.moc"
