// Refuters: the fast linear path against full refits, DoWhy's significance test on
// hand-built cases, the refuters' invariants on data with a known effect, thread-count
// independence and cancellation.
#include "SyntheticCausalData.h"

#include "causal/RefutationRunner.h"
#include "causal/RandomStream.h"
#include "causal/RefuterDraws.h"
#include "causal/RefuterSimulator.h"

#include <QTest>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <iterator>
#include <numeric>

using namespace e2i::kernels::causal;

namespace {
constexpr double kFastPathRelativeTolerance = 1e-8;
// Placebo and dummy-outcome effects should be within this many original standard errors of 0.
constexpr double kNullEffectStdErrors = 3.0;

CausalData smallData(bool binary, std::size_t rows = 400)
{
    testing::SyntheticSpec spec;
    spec.rows = rows;
    spec.binaryTreatment = binary;
    return testing::makeSyntheticData(spec);
}

// smallData with its third common cause replaced by a 4-level categorical one (3 indicators,
// level = row % 4, the first dropped), which also shifts the treatment and the outcome.
CausalData categoricalData(std::size_t rows)
{
    CausalData data = smallData(true, rows);
    const std::size_t n = data.rows;
    data.commonCauses.resize(5 * n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t level = i % 4;
        for (std::size_t k = 0; k < 3; ++k)
            data.commonCauses[(2 + k) * n + i] = level == k + 1 ? 1.0 : 0.0;
        data.outcome[i] += 0.5 * static_cast<double>(level);
    }
    data.spec.commonCauses = {"x0", "x1", "c=1", "c=2", "c=3"};
    data.categoricalGroups = {{2, 3}};
    return data;
}

// Level of row `row` of a data set's group (0: no indicator set), or -1 for two set.
int levelOf(const CausalData &data, const CategoricalGroup &group, std::size_t row)
{
    int level = 0;
    for (std::size_t k = 0; k < group.count; ++k)
        if (data.commonCause(group.first + k)[row] != 0.0)
            level = level == 0 ? static_cast<int>(k + 1) : -1;
    return level;
}
} // namespace

class tst_CausalRefuters : public QObject {
    Q_OBJECT
private slots:
    void fastLinearPathEqualsFullRefit_data();
    void fastLinearPathEqualsFullRefit();
    void fastBootstrapMatchesRefitInDistribution();
    void bootstrapPValueFollowsDowhy();
    void normalPValueFollowsDowhy();
    void bootstrapKeepsOneLevelPerRow();
    void significanceTestFollowsSimulationsThatRan();
    void refutationsBehaveOnKnownEffect_data();
    void refutationsBehaveOnKnownEffect();
    void unobservedConfounderGridMovesEstimate();
    void unobservedConfounderIsSignSymmetric_data();
    void unobservedConfounderIsSignSymmetric();
    void resultsIndependentOfThreadCount_data();
    void resultsIndependentOfThreadCount();
    void cancelStopsBeforeTheEnd();
    void simulationsDrawFreshData();
    void batchedSimulationsEqualSingleOnes();
    void fastDrawsEqualPlainLoops();
    void normalDrawsAreStandard();
};

void tst_CausalRefuters::fastLinearPathEqualsFullRefit_data()
{
    QTest::addColumn<int>("refuter");
    QTest::addColumn<bool>("binary");
    QTest::addColumn<int>("placeboType");
    // The fast bootstrap samples its noise's Gram instead of the noise (GaussianNoiseGram.h):
    // it equals a full refit in distribution (tst_NoiseGram), not draw for draw.
    for (const RefuterKind kind : allRefuterKinds())
        for (const bool binary : {true, false})
            if (kind != RefuterKind::Bootstrap)
                QTest::addRow("%s, %s", refuterName(kind).c_str(), binary ? "binary" : "continuous")
                    << int(kind) << binary << int(PlaceboType::Permute);
    QTest::addRow("placebo random, binary") << int(RefuterKind::Placebo) << true << int(PlaceboType::Random);
    QTest::addRow("placebo random, continuous") << int(RefuterKind::Placebo) << false << int(PlaceboType::Random);
}

void tst_CausalRefuters::fastLinearPathEqualsFullRefit()
{
    QFETCH(int, refuter);
    QFETCH(bool, binary);
    QFETCH(int, placeboType);
    const CausalData data = smallData(binary);
    SimulatorSettings settings;
    settings.placeboType = static_cast<PlaceboType>(placeboType);
    const RefuterSimulator fast(data, settings);
    settings.fastLinearPath = false;
    const RefuterSimulator refit(data, settings);
    auto fastSpace = fast.makeWorkspace();
    auto refitSpace = refit.makeWorkspace();
    const auto kind = static_cast<RefuterKind>(refuter);
    for (const std::size_t index : {0U, 1U, 37U}) {
        const double a = fast.simulate(kind, index, fastSpace);
        const double b = refit.simulate(kind, index, refitSpace);
        QVERIFY2(std::abs(a - b) <= kFastPathRelativeTolerance * std::max(1.0, std::abs(b)),
                 qPrintable(QStringLiteral("simulation %1: fast %2, refit %3").arg(index).arg(a, 0, 'g', 17).arg(b, 0, 'g', 17)));
    }
}

void tst_CausalRefuters::fastBootstrapMatchesRefitInDistribution()
{
    // Whole simulations, fast (sampled noise Gram, explicit flips) against full refits on
    // explicitly noised copies, on data with a 0/1 common cause: the simulated effects'
    // mean and variance agree within 5 standard errors.
    constexpr std::size_t kSimulations = 1500;
    constexpr double kStandardErrors = 5.0;
    CausalData data = smallData(true, 200);
    for (std::size_t i = 0; i < data.rows; ++i)
        data.commonCauses[2 * data.rows + i] = data.commonCauses[2 * data.rows + i] > 0.0 ? 1.0 : 0.0;
    SimulatorSettings settings;
    settings.simulations = kSimulations;
    const RefuterSimulator fast(data, settings);
    settings.fastLinearPath = false;
    const RefuterSimulator refit(data, settings);
    const auto moments = [&](const RefuterSimulator &simulator) {
        auto workspace = simulator.makeWorkspace();
        double sum = 0.0, squares = 0.0, fourth = 0.0;
        std::vector<double> effects;
        for (std::size_t i = 0; i < kSimulations; ++i)
            effects.push_back(simulator.simulate(RefuterKind::Bootstrap, i, workspace));
        for (const double e : effects)
            sum += e;
        const double mean = sum / double(kSimulations);
        for (const double e : effects) {
            squares += (e - mean) * (e - mean);
            fourth += std::pow(e - mean, 4);
        }
        return std::array<double, 3>{mean, squares / double(kSimulations), fourth / double(kSimulations)};
    };
    const auto [meanFast, varianceFast, fourthFast] = moments(fast);
    const auto [meanRefit, varianceRefit, fourthRefit] = moments(refit);
    const double n = double(kSimulations);
    QVERIFY2(std::abs(meanFast - meanRefit) < kStandardErrors * std::sqrt((varianceFast + varianceRefit) / n),
             qPrintable(QStringLiteral("mean %1 fast, %2 refit").arg(meanFast).arg(meanRefit)));
    const double varianceSe = std::sqrt((fourthFast - varianceFast * varianceFast + fourthRefit - varianceRefit * varianceRefit) / n);
    QVERIFY2(std::abs(varianceFast - varianceRefit) < kStandardErrors * varianceSe,
             qPrintable(QStringLiteral("variance %1 fast, %2 refit").arg(varianceFast).arg(varianceRefit)));
}

void tst_CausalRefuters::bootstrapPValueFollowsDowhy()
{
    std::vector<double> sims(100);
    std::iota(sims.begin(), sims.end(), 1.0); // 1..100, median 51
    // Above the median: 95 values lie below 95.5, tail 1 - 95/100, two-sided 0.1.
    QCOMPARE(refutationPValue(95.5, sims), 0.1);
    // At or below the median: 10 values are <= 10, two-sided 0.2.
    QCOMPARE(refutationPValue(10.0, sims), 0.2);
    QCOMPARE(refutationPValue(1000.0, sims), 0.0);
}

void tst_CausalRefuters::normalPValueFollowsDowhy()
{
    // Ten simulations: mean 0, population sd 1; reference 1.959964 -> one tail 0.025.
    std::vector<double> sims{-1, 1, -1, 1, -1, 1, -1, 1, -1, 1};
    QVERIFY(std::abs(refutationPValue(1.959963984540054, sims) - 0.025) < 1e-12);
    QVERIFY(std::abs(refutationPValue(-1.959963984540054, sims) - 0.025) < 1e-12);
}

// Three failed refits of 100 leave 97 effects: the normal test, recorded as such, and the
// p-value is the normal test's on those 97; with all 100 the bootstrap test.
void tst_CausalRefuters::significanceTestFollowsSimulationsThatRan()
{
    Refutation r;
    r.kind = RefuterKind::Bootstrap;
    r.simulatedEffects.resize(100);
    std::iota(r.simulatedEffects.begin(), r.simulatedEffects.end(), 1.0);
    r.referenceEffect = 40.0;
    summarizeRefutation(r);
    QCOMPARE(r.test, SignificanceTest::Bootstrap);
    QCOMPARE(r.validSimulations(), std::size_t(100));

    for (const std::size_t i : {5u, 50u, 95u})
        r.simulatedEffects[i] = std::nan("");
    summarizeRefutation(r);
    QCOMPARE(r.simulations, std::size_t(100));
    QCOMPARE(r.failedSimulations, std::size_t(3));
    QCOMPARE(r.validSimulations(), std::size_t(97));
    QCOMPARE(r.test, SignificanceTest::Normal);
    std::vector<double> valid;
    std::copy_if(r.simulatedEffects.begin(), r.simulatedEffects.end(), std::back_inserter(valid), [](double v) { return !std::isnan(v); });
    QCOMPARE(*r.pValue, refutationPValue(40.0, valid));
    QCOMPARE(significanceTestName(r.test), std::string("normal"));

    r.simulatedEffects.assign(10, std::nan(""));
    summarizeRefutation(r);
    QCOMPARE(r.test, SignificanceTest::None);
}

// Bootstrap noise on a categorical common cause moves about 10 % of the copies to another
// level and never leaves a row with two levels set (flipping the indicators independently,
// as 0/1 columns are, would). The fast path draws it differently: same distribution of effects.
void tst_CausalRefuters::bootstrapKeepsOneLevelPerRow()
{
    const CausalData data = categoricalData(400);
    const CategoricalGroup group = data.categoricalGroups.front();
    SimulatorSettings settings;
    settings.simulations = 400;
    settings.fastLinearPath = false;
    const RefuterSimulator refit(data, settings);
    auto workspace = refit.makeWorkspace();
    std::size_t copies = 0, moved = 0;
    for (std::size_t index = 0; index < 20; ++index) {
        QVERIFY(std::isfinite(refit.simulate(RefuterKind::Bootstrap, index, workspace)));
        const CausalData &copy = workspace.copy;
        std::size_t row = 0;
        for (std::size_t i = 0; i < data.rows; ++i)
            for (std::uint32_t c = 0; c < workspace.indices[i]; ++c, ++row) {
                const int level = levelOf(copy, group, row);
                QVERIFY2(level >= 0, qPrintable(QStringLiteral("simulation %1, copy row %2: two levels set").arg(index).arg(row)));
                moved += level != levelOf(data, group, i);
                ++copies;
            }
    }
    const double share = static_cast<double>(moved) / static_cast<double>(copies);
    const double se = std::sqrt(kBootstrapFlipProbability * (1.0 - kBootstrapFlipProbability) / static_cast<double>(copies));
    QVERIFY2(std::abs(share - kBootstrapFlipProbability) < 5.0 * se, qPrintable(QString::number(share)));

    settings.fastLinearPath = true;
    const RefuterSimulator fast(data, settings);
    auto fastSpace = fast.makeWorkspace();
    double sumFast = 0.0, sumRefit = 0.0, squares = 0.0;
    std::vector<double> refitEffects;
    for (std::size_t index = 0; index < settings.simulations; ++index) {
        sumFast += fast.simulate(RefuterKind::Bootstrap, index, fastSpace);
        refitEffects.push_back(refit.simulate(RefuterKind::Bootstrap, index, workspace));
        sumRefit += refitEffects.back();
    }
    const double n = static_cast<double>(settings.simulations);
    for (const double e : refitEffects)
        squares += (e - sumRefit / n) * (e - sumRefit / n);
    const double meanSe = std::sqrt(2.0 * squares / (n - 1.0) / n);
    QVERIFY2(std::abs(sumFast / n - sumRefit / n) < 5.0 * meanSe,
             qPrintable(QStringLiteral("mean %1 fast, %2 refit").arg(sumFast / n).arg(sumRefit / n)));
}

void tst_CausalRefuters::refutationsBehaveOnKnownEffect_data()
{
    QTest::addColumn<int>("estimator");
    QTest::addColumn<bool>("binary");
    QTest::addRow("linear, binary") << int(EstimatorKind::Linear) << true;
    QTest::addRow("linear, continuous") << int(EstimatorKind::Linear) << false;
    QTest::addRow("ipw") << int(EstimatorKind::Ipw) << true;
    QTest::addRow("aipw") << int(EstimatorKind::Aipw) << true;
}

void tst_CausalRefuters::refutationsBehaveOnKnownEffect()
{
    QFETCH(int, estimator);
    QFETCH(bool, binary);
    const CausalData data = smallData(binary, 600);
    RefutationRequest request;
    request.estimator = static_cast<EstimatorKind>(estimator);
    request.refuters = {RefuterKind::Placebo, RefuterKind::DummyOutcome, RefuterKind::RandomCommonCause,
                        RefuterKind::Subset, RefuterKind::Bootstrap};
    request.threads = 2;
    const RefutationReport report = runRefutation(data, request);
    QCOMPARE(report.refutations.size(), request.refuters.size());
    for (const Refutation &r : report.refutations) {
        const QByteArray name = QByteArray::fromStdString(refuterName(r.kind));
        QCOMPARE(r.simulations, std::size_t(100));
        QCOMPARE(r.failedSimulations, std::size_t(0));
        QVERIFY2(r.passed, name.constData());
        const double expected = r.referenceEffect;
        QVERIFY2(std::abs(r.newEffect - expected) < kNullEffectStdErrors * report.estimate.stdError, name.constData());
        QVERIFY2(r.newEffectStd > 0.0, name.constData());
    }
}

void tst_CausalRefuters::unobservedConfounderGridMovesEstimate()
{
    const CausalData data = smallData(false);
    RefutationRequest request;
    request.refuters = {RefuterKind::UnobservedCommonCause};
    const RefutationReport report = runRefutation(data, request);
    const Refutation &r = report.refutations.at(0);
    QCOMPARE(r.strengthGrid.size(), std::size_t(10));
    QCOMPARE(r.simulatedEffects.size(), std::size_t(100));
    QVERIFY(!r.pValue.has_value());
    // The simulated confounder pulls the (positive) estimate towards zero, and the strongest
    // corner moves it most.
    QVERIFY(report.estimate.effect > 0.0);
    QVERIFY(r.effectMin < report.estimate.effect);
    QVERIFY(r.simulatedEffects.back() < r.simulatedEffects.front());
}

void tst_CausalRefuters::unobservedConfounderIsSignSymmetric_data()
{
    QTest::addColumn<bool>("binary");
    QTest::addColumn<double>("trueEffect");
    QTest::addColumn<bool>("passes");
    // A weak effect, which the strongest simulated confounder explains away, and a strong one.
    QTest::addRow("continuous, weak") << false << 0.1 << false;
    QTest::addRow("continuous, strong") << false << 2.0 << true;
    QTest::addRow("binary, weak") << true << 0.1 << false;
    QTest::addRow("binary, strong") << true << 2.0 << true;
}

void tst_CausalRefuters::unobservedConfounderIsSignSymmetric()
{
    QFETCH(bool, binary);
    QFETCH(double, trueEffect);
    QFETCH(bool, passes);
    testing::SyntheticSpec spec;
    spec.rows = 400;
    spec.binaryTreatment = binary;
    spec.trueEffect = trueEffect;
    const CausalData data = testing::makeSyntheticData(spec);
    CausalData negated = data;
    for (double &y : negated.outcome)
        y = -y;
    RefutationRequest request;
    request.refuters = {RefuterKind::UnobservedCommonCause};
    const RefutationReport plus = runRefutation(data, request);
    const RefutationReport minus = runRefutation(negated, request);
    const Refutation &a = plus.refutations.at(0);
    const Refutation &b = minus.refutations.at(0);
    QVERIFY(std::abs(plus.estimate.effect + minus.estimate.effect) <= kFastPathRelativeTolerance * std::abs(plus.estimate.effect));
    QCOMPARE(a.simulatedEffects.size(), b.simulatedEffects.size());
    for (std::size_t i = 0; i < a.simulatedEffects.size(); ++i)
        QVERIFY2(std::abs(a.simulatedEffects[i] + b.simulatedEffects[i])
                     <= kFastPathRelativeTolerance * std::abs(a.simulatedEffects[i]),
                 qPrintable(QStringLiteral("simulation %1: %2 vs %3").arg(i).arg(a.simulatedEffects[i]).arg(b.simulatedEffects[i])));
    QCOMPARE(a.passed, passes);
    QCOMPARE(b.passed, passes);
    // The strongest confounder moves the estimate towards zero (and past it for a weak effect).
    QVERIFY((a.simulatedEffects.back() - plus.estimate.effect) * plus.estimate.effect < 0.0);
}

void tst_CausalRefuters::resultsIndependentOfThreadCount_data()
{
    QTest::addColumn<int>("estimator");
    QTest::addRow("linear") << int(EstimatorKind::Linear);
    QTest::addRow("ipw") << int(EstimatorKind::Ipw);
}

void tst_CausalRefuters::resultsIndependentOfThreadCount()
{
    QFETCH(int, estimator);
    const CausalData data = smallData(true, 300);
    RefutationRequest request;
    request.estimator = static_cast<EstimatorKind>(estimator);
    request.simulations = 20;
    request.threads = 1;
    const RefutationReport one = runRefutation(data, request);
    for (const unsigned threads : {2U, 3U}) {
        request.threads = threads;
        const RefutationReport many = runRefutation(data, request);
        QCOMPARE(many.refutations.size(), one.refutations.size());
        for (std::size_t r = 0; r < one.refutations.size(); ++r)
            QVERIFY(many.refutations[r].simulatedEffects == one.refutations[r].simulatedEffects);
    }
}

void tst_CausalRefuters::cancelStopsBeforeTheEnd()
{
    const CausalData data = smallData(true, 2000);
    RefutationRequest request;
    request.estimator = EstimatorKind::Ipw; // slow enough per simulation to be interrupted
    request.simulations = 1000;
    request.threads = 2;
    std::size_t lastDone = 0, total = 0;
    QVERIFY_THROWS_EXCEPTION(e2i::kernels::Cancelled, runRefutation(
                                                          data, request,
                                                          [&](std::size_t done, std::size_t all) {
                                                              lastDone = done;
                                                              total = all;
                                                          },
                                                          [&] { return lastDone > 0; }));
    QVERIFY(lastDone > 0);
    QVERIFY(lastDone < total);
}

void tst_CausalRefuters::simulationsDrawFreshData()
{
    // A fresh subset and a fresh resample per simulation (DoWhy with an integer
    // random_state redraws the same one): no two simulated effects coincide.
    const CausalData data = smallData(true);
    const RefuterSimulator simulator(data, {});
    auto workspace = simulator.makeWorkspace();
    for (const RefuterKind kind : {RefuterKind::Subset, RefuterKind::Bootstrap, RefuterKind::Placebo}) {
        std::vector<double> effects;
        for (std::size_t i = 0; i < 10; ++i)
            effects.push_back(simulator.simulate(kind, i, workspace));
        std::sort(effects.begin(), effects.end());
        QVERIFY(std::adjacent_find(effects.begin(), effects.end()) == effects.end());
    }
}

void tst_CausalRefuters::batchedSimulationsEqualSingleOnes()
{
    // Simulations sharing one pass over the data give exactly the values of one simulate()
    // each: linear bootstrap resamples (continuous common causes: count-weighted Grams; with
    // the categorical ones: copies gathered one resample at a time), subsets (excluded rows
    // gathered from one pass), placebo treatments and random common causes (one
    // Xc'[v1 ... v8] pass).
    for (const CausalData &data : {smallData(true, 1500), categoricalData(600)}) {
        const RefuterSimulator simulator(data, {});
        auto workspace = simulator.makeWorkspace();
        for (const RefuterKind kind : {RefuterKind::Bootstrap, RefuterKind::Subset, RefuterKind::Placebo,
                                       RefuterKind::RandomCommonCause}) {
            QVERIFY(simulator.batchSize(kind) > 1);
            std::vector<double> batched(simulator.batchSize(kind));
            simulator.simulateBatch(kind, 5, batched, workspace);
            for (std::size_t k = 0; k < batched.size(); ++k)
                QCOMPARE(batched[k], simulator.simulate(kind, 5 + k, workspace)); // exact
        }
    }
}

void tst_CausalRefuters::fastDrawsEqualPlainLoops()
{
    // The permutation and the bootstrap counts draw ahead of their use (to prefetch), the
    // subset's selection sampling runs without a branch on double counters: the results must be
    // those of the textbook loops on the same stream, around the look-ahead distance too (the
    // same draws in the same order).
    for (const std::size_t n : {1UL, 2UL, 31UL, 32UL, 33UL, 64UL, 1000UL, 100'003UL}) {
        RandomStream plainStream(7, 1, n), stream(7, 1, n);
        std::vector<std::uint32_t> plain(n);
        std::iota(plain.begin(), plain.end(), 0U);
        for (std::size_t i = n; i > 1; --i)
            std::swap(plain[i - 1], plain[plainStream.below(i)]);
        std::vector<std::uint32_t> permutation;
        drawPermutation(stream, n, permutation);
        QCOMPARE(permutation, plain);
        QCOMPARE(stream.next(), plainStream.next());

        std::vector<std::uint32_t> plainCounts(n, 0);
        for (std::size_t k = 0; k < n; ++k)
            ++plainCounts[plainStream.below(n)];
        std::vector<std::uint32_t> counts;
        drawBootstrapCounts(stream, n, counts);
        QCOMPARE(counts, plainCounts);
        QCOMPARE(stream.next(), plainStream.next());

        std::vector<std::uint8_t> plainMask(n, 0);
        std::size_t toExclude = n - static_cast<std::size_t>(std::llround(0.8 * static_cast<double>(n)));
        for (std::size_t i = 0; i < n && toExclude > 0; ++i)
            if (static_cast<double>(n - i) * plainStream.uniform() < static_cast<double>(toExclude)) {
                plainMask[i] = 1;
                --toExclude;
            }
        std::vector<std::uint8_t> mask;
        drawSubsetExclusion(stream, n, mask);
        QCOMPARE(mask, plainMask);
        QCOMPARE(stream.next(), plainStream.next());
    }
}

void tst_CausalRefuters::normalDrawsAreStandard()
{
    // Moments and the tail beyond the ziggurat's base (|z| > 3.6541528853610088, where the
    // sampler switches to its tail algorithm) against N(0, 1), within 5 standard errors.
    constexpr std::size_t kDraws = 400'000;
    constexpr double kStandardErrors = 5.0;
    constexpr double kTailStart = 3.6541528853610088;
    constexpr double kTailProbability = 2.5803248765390077e-4; // 2 (1 - Phi(3.6541528853610088)), scipy
    RandomStream stream(11, 22, 33);
    std::vector<double> z(kDraws);
    stream.fillNormal(z);
    double sum = 0.0, squares = 0.0, fourth = 0.0;
    std::size_t tail = 0;
    for (const double v : z) {
        sum += v;
        squares += v * v;
        fourth += v * v * v * v;
        tail += std::abs(v) > kTailStart;
    }
    const double n = double(kDraws);
    QVERIFY(std::abs(sum / n) < kStandardErrors / std::sqrt(n));
    QVERIFY(std::abs(squares / n - 1.0) < kStandardErrors * std::sqrt(2.0 / n));
    QVERIFY(std::abs(fourth / n - 3.0) < kStandardErrors * std::sqrt(96.0 / n));
    const double expectedTail = kTailProbability * n;
    QVERIFY(std::abs(double(tail) - expectedTail) < kStandardErrors * std::sqrt(expectedTail));
}

QTEST_GUILESS_MAIN(tst_CausalRefuters)
#include "tst_CausalRefuters.moc"
