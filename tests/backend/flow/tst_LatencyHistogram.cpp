// LatencyHistogram against the exact nearest-rank quantile of the sorted values.
#include "flow/LatencyHistogram.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace e2i;

namespace {
constexpr unsigned kSeed = 20261206;
constexpr double kTolerance = LatencyHistogram::kRelativeError; // stated in the header: 1/32

double exactQuantile(std::vector<qint64> values, double q)
{
    std::sort(values.begin(), values.end());
    const auto rank = std::max<std::size_t>(1, std::size_t(std::ceil(q * double(values.size()))));
    return double(values[rank - 1]);
}
} // namespace

class tst_LatencyHistogram : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exactBelowSixteenMicroseconds();
    void binsAreContiguousAndNarrow();
    void quantilesMatchBruteForce_data();
    void quantilesMatchBruteForce();
    void mergeEqualsRecordingTogether();
    void emptyHasNoQuantile();
    void hugeValuesShareTheLastBin();
};

void tst_LatencyHistogram::exactBelowSixteenMicroseconds()
{
    LatencyHistogram h;
    for (qint64 v : {3, 7, 7, 15})
        h.record(v);
    QCOMPARE(h.quantile(0.25), 3.0);
    QCOMPARE(h.quantile(0.5), 7.0);
    QCOMPARE(h.quantile(1.0), 15.0);
}

// Invariant: every value falls in a bin whose midpoint is within the stated
// relative error, and bins never go backwards.
void tst_LatencyHistogram::binsAreContiguousAndNarrow()
{
    int previous = 0;
    for (qint64 v = 1; v < (qint64(1) << 39); v = v + 1 + v / 7) {
        const int bin = LatencyHistogram::binOf(v);
        QVERIFY(bin >= previous);
        QVERIFY(bin < LatencyHistogram::kBins);
        previous = bin;
        const double mid = LatencyHistogram::midpointOf(bin);
        QVERIFY2(std::abs(mid - double(v)) <= kTolerance * double(v) + 0.5, qPrintable(QString::number(v)));
    }
}

void tst_LatencyHistogram::quantilesMatchBruteForce_data()
{
    QTest::addColumn<QString>("distribution");
    QTest::addColumn<int>("count");
    QTest::addRow("uniform 50 ms - 5 s, 10k") << QStringLiteral("uniform") << 10'000;
    QTest::addRow("lognormal (task-like), 10k") << QStringLiteral("lognormal") << 10'000;
    QTest::addRow("few samples (7)") << QStringLiteral("lognormal") << 7;
    QTest::addRow("bimodal fast/slow, 5k") << QStringLiteral("bimodal") << 5'000;
}

void tst_LatencyHistogram::quantilesMatchBruteForce()
{
    QFETCH(QString, distribution);
    QFETCH(int, count);
    std::mt19937_64 rng(kSeed);
    std::uniform_real_distribution<double> uniform(50'000, 5'000'000);
    std::lognormal_distribution<double> lognormal(13.0, 1.5);
    std::bernoulli_distribution slow(0.1);
    std::vector<qint64> values;
    LatencyHistogram h;
    for (int i = 0; i < count; ++i) {
        double v = 0;
        if (distribution == QLatin1String("uniform"))
            v = uniform(rng);
        else if (distribution == QLatin1String("lognormal"))
            v = lognormal(rng);
        else
            v = slow(rng) ? 30e6 + uniform(rng) : 2'000 + uniform(rng) / 100;
        values.push_back(qint64(v));
        h.record(qint64(v));
    }
    QCOMPARE(h.count(), quint64(count));
    for (double q : {0.5, 0.95, 0.99, 1.0}) {
        const double exact = exactQuantile(values, q);
        const double estimate = h.quantile(q);
        QVERIFY2(std::abs(estimate - exact) <= kTolerance * exact + 0.5,
                 qPrintable(QStringLiteral("q%1: %2 vs exact %3").arg(q).arg(estimate).arg(exact)));
    }
}

void tst_LatencyHistogram::mergeEqualsRecordingTogether()
{
    LatencyHistogram a, b, both;
    for (qint64 v = 1; v < 100'000; v += 997) {
        (v % 2 ? a : b).record(v);
        both.record(v);
    }
    a.merge(b);
    QCOMPARE(a.count(), both.count());
    for (double q : {0.1, 0.5, 0.9, 0.99})
        QCOMPARE(a.quantile(q), both.quantile(q));
}

void tst_LatencyHistogram::emptyHasNoQuantile()
{
    QCOMPARE(LatencyHistogram().quantile(0.5), -1.0);
}

void tst_LatencyHistogram::hugeValuesShareTheLastBin()
{
    QCOMPARE(LatencyHistogram::binOf(qint64(1) << 45), LatencyHistogram::kBins - 1);
    QCOMPARE(LatencyHistogram::binOf(-5), 0);
    QCOMPARE(sizeof(LatencyHistogram) <= 2400, true); // the fixed footprint the header promises
}

QTEST_APPLESS_MAIN(tst_LatencyHistogram)
#include "tst_LatencyHistogram.moc"
