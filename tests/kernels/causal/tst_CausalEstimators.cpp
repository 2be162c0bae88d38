// Estimators and sensitivity: statsmodels and sensemakr reference values, exact hand-built
// cases, recovery of a known effect, and the sensitivity invariants.
#include "SyntheticCausalData.h"

#include "causal/AipwEstimator.h"
#include "causal/Distributions.h"
#include "causal/LinearEstimator.h"
#include "causal/OverlapDiagnostics.h"
#include "causal/PropensityEstimator.h"
#include "causal/RefutationJson.h"
#include "causal/RefutationRunner.h"
#include "causal/Sensitivity.h"
#include "causal/TallSkinnyQr.h"
#include "io/CsvTable.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>

using namespace e2i::kernels;
using namespace e2i::kernels::causal;

namespace {
constexpr double kStatsmodelsRelativeTolerance = 1e-8;
// sensemakr's documentation prints its reference figures rounded to 6 digits.
constexpr double kSensemakrTolerance = 1e-6;
constexpr double kRecoveryStdErrors = 3.0;
constexpr double kExactTolerance = 1e-12;
// Enough rows for the estimate's threaded row partitions (8 x 4096 rows and more).
constexpr std::size_t kPartitionedRows = 50'000;
constexpr double kQrAgreement = 1e-10;

double relativeError(double actual, double expected) { return std::abs(actual - expected) / std::abs(expected); }

// Synthetic data (2,000 rows) whose treated group (or control group) is its first `rows` rows.
CausalData withSmallGroup(bool fewTreated, std::size_t rows)
{
    CausalData data = testing::makeSyntheticData({});
    for (std::size_t i = 0; i < data.rows; ++i)
        data.treatment[i] = (i < rows) == fewTreated ? 1.0 : 0.0;
    return data;
}

CausalData fixtureData()
{
    const std::string path = E2I_TEST_DATA_DIR "/causal/confounded_binary.csv";
    return causalDataFromTable(readCsv(path), {"treated", "outcome", {"age_z", "income_z", "urban"}}, path);
}
} // namespace

class tst_CausalEstimators : public QObject {
    Q_OBJECT
private slots:
    void linearMatchesStatsmodels_data();
    void linearMatchesStatsmodels();
    void studentTMatchesKnownQuantiles_data();
    void studentTMatchesKnownQuantiles();
    void estimatorsRecoverKnownEffect_data();
    void estimatorsRecoverKnownEffect();
    void weightingWithoutCommonCausesIsDifferenceInMeans();
    void weightingRefusesTinyTreatmentGroup_data();
    void weightingRefusesTinyTreatmentGroup();
    void poorOverlapIsWarned_data();
    void poorOverlapIsWarned();
    void weightingEstimatorsRejectContinuousTreatment();
    void sensitivityMatchesSensemakr();
    void adjustedEstimateVanishesAtRobustnessValue();
    void omittedConfounderLowersSensitivity();
    void partitionedEstimateMatchesPivotedQr();
    void estimateStopsWhenCancelled_data();
    void estimateStopsWhenCancelled();
};

void tst_CausalEstimators::linearMatchesStatsmodels_data()
{
    QTest::addColumn<QString>("field");
    for (const char *field : {"effect", "std_error", "t_statistic", "p_value", "ci_low", "ci_high", "df_resid"})
        QTest::addRow("%s", field) << QString::fromLatin1(field);
}

void tst_CausalEstimators::linearMatchesStatsmodels()
{
    QFETCH(QString, field);
    QFile file(QStringLiteral(E2I_TEST_DATA_DIR "/causal/confounded_binary.statsmodels.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject expected = QJsonDocument::fromJson(file.readAll()).object();
    const EffectEstimate e = estimateLinear(fixtureData());
    const std::map<QString, double> actual{{QStringLiteral("effect"), e.effect},
                                           {QStringLiteral("std_error"), e.stdError},
                                           {QStringLiteral("t_statistic"), e.tStatistic},
                                           {QStringLiteral("p_value"), e.pValue},
                                           {QStringLiteral("ci_low"), e.ciLow},
                                           {QStringLiteral("ci_high"), e.ciHigh},
                                           {QStringLiteral("df_resid"), e.residualDof}};
    const double want = expected.value(field).toDouble();
    QVERIFY2(relativeError(actual.at(field), want) < kStatsmodelsRelativeTolerance,
             qPrintable(QStringLiteral("%1: ours %2, statsmodels %3").arg(field).arg(actual.at(field), 0, 'g', 17).arg(want, 0, 'g', 17)));
}

void tst_CausalEstimators::studentTMatchesKnownQuantiles_data()
{
    QTest::addColumn<double>("probability");
    QTest::addColumn<double>("dof");
    QTest::addColumn<double>("quantile");
    // Values from scipy.stats.t.ppf.
    QTest::addRow("0.975, df 10") << 0.975 << 10.0 << 2.2281388519649385;
    QTest::addRow("0.025, df 782") << 0.025 << 782.0 << -1.9630022003282468;
    QTest::addRow("0.995, df 3") << 0.995 << 3.0 << 5.84090929975643;
}

void tst_CausalEstimators::studentTMatchesKnownQuantiles()
{
    QFETCH(double, probability);
    QFETCH(double, dof);
    QFETCH(double, quantile);
    QVERIFY(relativeError(studentTQuantile(probability, dof), quantile) < kStatsmodelsRelativeTolerance);
    QVERIFY(std::abs(studentTCdf(quantile, dof) - probability) < kStatsmodelsRelativeTolerance);
}

void tst_CausalEstimators::estimatorsRecoverKnownEffect_data()
{
    QTest::addColumn<int>("estimator");
    QTest::addColumn<bool>("binary");
    QTest::addRow("linear, binary") << int(EstimatorKind::Linear) << true;
    QTest::addRow("linear, continuous") << int(EstimatorKind::Linear) << false;
    QTest::addRow("ipw") << int(EstimatorKind::Ipw) << true;
    QTest::addRow("aipw") << int(EstimatorKind::Aipw) << true;
}

void tst_CausalEstimators::estimatorsRecoverKnownEffect()
{
    QFETCH(int, estimator);
    QFETCH(bool, binary);
    testing::SyntheticSpec spec;
    spec.binaryTreatment = binary;
    const CausalData data = testing::makeSyntheticData(spec);
    const EffectEstimate e = estimateEffect(data, static_cast<EstimatorKind>(estimator));
    QVERIFY2(std::abs(e.effect - spec.trueEffect) < kRecoveryStdErrors * e.stdError,
             qPrintable(QStringLiteral("effect %1 +- %2, true %3").arg(e.effect).arg(e.stdError).arg(spec.trueEffect)));
    QVERIFY(e.ciLow < spec.trueEffect && spec.trueEffect < e.ciHigh);
    // The naive difference is confounded: adjustment must matter for this data.
    QVERIFY(e.stdError > 0.0 && e.pValue < 1e-6);
}

void tst_CausalEstimators::weightingWithoutCommonCausesIsDifferenceInMeans()
{
    // With no common causes every score is the treated share, so every weighted mean is the
    // plain arm mean: ATE = ATT = ATC = 3.5 - 1.0. Six rows repeated to reach the minimum
    // group size; repeats do not move the means.
    const std::vector<double> t{1, 1, 0, 0, 0, 1}, y{3, 4, 1, 0, 2, 3.5};
    std::vector<double> treatment, outcome;
    while (treatment.size() < 2 * kMinRowsPerTreatmentGroup) {
        treatment.insert(treatment.end(), t.begin(), t.end());
        outcome.insert(outcome.end(), y.begin(), y.end());
    }
    const CausalData data = makeCausalData({"t", "y", {}}, treatment, outcome, {});
    const PropensityEffects effects = estimatePropensityWeighting(data);
    QVERIFY(std::abs(effects.ate.effect - 2.5) < kExactTolerance);
    QVERIFY(std::abs(effects.att - 2.5) < kExactTolerance);
    QVERIFY(std::abs(effects.atc - 2.5) < kExactTolerance);
    QVERIFY(std::abs(estimateAipw(data).effect - 2.5) < kExactTolerance);
}

void tst_CausalEstimators::weightingRefusesTinyTreatmentGroup_data()
{
    QTest::addColumn<int>("estimator");
    QTest::addColumn<bool>("fewTreated"); // else few controls
    QTest::addColumn<int>("groupRows");
    QTest::addColumn<bool>("accepted");
    for (const auto kind : {EstimatorKind::Ipw, EstimatorKind::Aipw}) {
        const std::string name = estimatorName(kind);
        const int minimum = int(kMinRowsPerTreatmentGroup);
        QTest::addRow("%s, 1 treated", name.c_str()) << int(kind) << true << 1 << false;
        QTest::addRow("%s, minimum - 1 treated", name.c_str()) << int(kind) << true << minimum - 1 << false;
        QTest::addRow("%s, minimum - 1 controls", name.c_str()) << int(kind) << false << minimum - 1 << false;
        QTest::addRow("%s, minimum treated", name.c_str()) << int(kind) << true << minimum << true;
    }
}

void tst_CausalEstimators::weightingRefusesTinyTreatmentGroup()
{
    QFETCH(int, estimator);
    QFETCH(bool, fewTreated);
    QFETCH(int, groupRows);
    QFETCH(bool, accepted);
    const CausalData data = withSmallGroup(fewTreated, static_cast<std::size_t>(groupRows));
    try {
        const EffectEstimate e = estimateEffect(data, static_cast<EstimatorKind>(estimator));
        QVERIFY2(accepted, qPrintable(QStringLiteral("accepted with p = %1").arg(e.pValue)));
    } catch (const CausalInputError &error) {
        QVERIFY2(!accepted, error.what());
        const std::string message = error.what();
        QVERIFY2(message.find("at least " + std::to_string(kMinRowsPerTreatmentGroup)) != std::string::npos, error.what());
        QVERIFY2(message.find("'" + data.spec.treatment + "'") != std::string::npos, error.what());
    }
}

void tst_CausalEstimators::poorOverlapIsWarned_data()
{
    QTest::addColumn<int>("estimator");
    QTest::addRow("ipw") << int(EstimatorKind::Ipw);
    QTest::addRow("aipw") << int(EstimatorKind::Aipw);
}

void tst_CausalEstimators::poorOverlapIsWarned()
{
    QFETCH(int, estimator);
    const auto kind = static_cast<EstimatorKind>(estimator);
    // Well overlapping groups: no warning.
    QVERIFY(estimateEffect(testing::makeSyntheticData({}), kind).warnings.empty());

    // A few more treated rows than the minimum among 2,000: every score sits below the 0.05
    // clip and the treated group is tiny. Estimated, but flagged, in the report and its JSON.
    const CausalData data = withSmallGroup(true, kMinRowsPerTreatmentGroup + 5);
    const OverlapDiagnostics overlap = diagnoseOverlap(data, fitPropensityScores(data));
    QVERIFY(double(overlap.clippedRows) > kClippedShareWarning * double(overlap.rows));
    const EffectEstimate e = estimateEffect(data, kind);
    QVERIFY(!e.warnings.empty());
    const auto mentions = [&](const char *word) {
        return std::any_of(e.warnings.begin(), e.warnings.end(),
                           [&](const std::string &w) { return w.find(word) != std::string::npos; });
    };
    QVERIFY(mentions("overlap"));
    QVERIFY(mentions("effective"));

    RefutationRequest request;
    request.estimator = kind;
    request.refuters = {RefuterKind::Placebo};
    request.simulations = kMinRefutationSimulations;
    const QJsonObject json = QJsonDocument::fromJson(QByteArray::fromStdString(
                                                         refutationReportToJson(runRefutation(data, request))))
                                 .object();
    const QJsonArray warnings = json.value(QStringLiteral("warnings")).toArray();
    QCOMPARE(std::size_t(warnings.size()), e.warnings.size());
    QCOMPARE(warnings.first().toString().toStdString(), e.warnings.front());
}

void tst_CausalEstimators::weightingEstimatorsRejectContinuousTreatment()
{
    testing::SyntheticSpec spec;
    spec.binaryTreatment = false;
    const CausalData data = testing::makeSyntheticData(spec);
    for (const auto kind : {EstimatorKind::Ipw, EstimatorKind::Aipw}) {
        try {
            estimateEffect(data, kind);
            QFAIL("a continuous treatment was accepted");
        } catch (const CausalInputError &error) {
            QVERIFY2(std::string(error.what()).find("must be binary") != std::string::npos, error.what());
        }
    }
}

void tst_CausalEstimators::sensitivityMatchesSensemakr()
{
    // sensemakr's darfur example: t = 4.18445, dof = 783.
    QVERIFY(std::abs(partialR2(4.18445, 783) - 0.021873) < kSensemakrTolerance);
    QVERIFY(std::abs(robustnessValue(4.18445, 783, 1.0, 1.0) - 0.138776) < kSensemakrTolerance);
    // RV_{1,0.05} from the same formula evaluated with scipy.stats.t.ppf (sensemakr prints 0.076).
    QVERIFY(relativeError(robustnessValue(4.18445, 783, 1.0, 0.05), 0.07625796604597146) < kStatsmodelsRelativeTolerance);
}

void tst_CausalEstimators::adjustedEstimateVanishesAtRobustnessValue()
{
    // By definition a confounder with partial R2 = RV_1 with both treatment and outcome
    // explains the whole estimate away.
    const SensitivityFigures f = linearSensitivity(estimateLinear(fixtureData()));
    QVERIFY(std::abs(adjustedEstimate(f, f.robustnessValue, f.robustnessValue)) < 1e-9 * std::abs(f.estimate));
    QVERIFY(f.robustnessValueAlpha < f.robustnessValue);
    const AdjustedEstimateGrid grid = adjustedEstimateGrid(f, 0.5, 11);
    QCOMPARE(grid.values.size(), std::size_t(121));
    QCOMPARE(grid.values.front(), f.estimate);
    QVERIFY(grid.values.back() < grid.values[1]); // stronger confounding, smaller estimate
}

void tst_CausalEstimators::omittedConfounderLowersSensitivity()
{
    // u raises the treatment and lowers the outcome: leaving it out biases the estimate
    // towards zero, so the estimate looks less robust.
    testing::SyntheticSpec spec;
    spec.trueEffect = 0.5;
    spec.binaryTreatment = false;
    spec.commonCauses = 2;
    CausalData full = testing::makeSyntheticData(spec);
    RandomStream rng(99, 0, 0);
    std::vector<double> u(full.rows);
    rng.fillNormal(u);
    for (std::size_t i = 0; i < full.rows; ++i) {
        full.treatment[i] += 0.7 * u[i];
        full.outcome[i] -= 0.7 * u[i];
    }
    CausalData omitted = full;
    full.spec.commonCauses.push_back("u");
    full.commonCauses.insert(full.commonCauses.end(), u.begin(), u.end());
    const SensitivityFigures withU = linearSensitivity(estimateLinear(full));
    const SensitivityFigures withoutU = linearSensitivity(estimateLinear(omitted));
    QVERIFY(withoutU.partialR2 < withU.partialR2);
    QVERIFY(withoutU.robustnessValue < withU.robustnessValue);
    QVERIFY(withoutU.robustnessValueAlpha < withU.robustnessValueAlpha);
}

void tst_CausalEstimators::partitionedEstimateMatchesPivotedQr()
{
    // The reference: one column-pivoted Householder QR of the whole design, as a textbook does it.
    testing::SyntheticSpec spec;
    spec.rows = kPartitionedRows;
    spec.commonCauses = 6;
    const CausalData data = testing::makeSyntheticData(spec);
    const auto n = Eigen::Index(data.rows);
    Eigen::MatrixXd x(n, Eigen::Index(data.commonCauseCount()) + 2);
    x.col(0).setOnes();
    x.col(1) = Eigen::Map<const Eigen::VectorXd>(data.treatment.data(), n);
    for (std::size_t j = 0; j < data.commonCauseCount(); ++j)
        x.col(Eigen::Index(j) + 2) = Eigen::Map<const Eigen::VectorXd>(data.commonCause(j).data(), n);
    const Eigen::Map<const Eigen::VectorXd> y(data.outcome.data(), n);
    const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(x);
    const Eigen::VectorXd beta = qr.solve(y);
    const double sigma2 = (y - x * beta).squaredNorm() / double(n - x.cols());
    const double se = std::sqrt(sigma2 * (x.transpose() * x).inverse()(1, 1));

    const EffectEstimate e = estimateLinear(data);
    QVERIFY2(relativeError(e.effect, beta(1)) < kQrAgreement, qPrintable(QString::number(e.effect, 'g', 17)));
    QVERIFY2(relativeError(e.stdError, se) < kQrAgreement, qPrintable(QString::number(e.stdError, 'g', 17)));
}

void tst_CausalEstimators::estimateStopsWhenCancelled_data()
{
    QTest::addColumn<int>("rows");
    QTest::addRow("one partition, on the calling thread") << 2000;
    QTest::addRow("partitions on threads") << int(kPartitionedRows);
}

void tst_CausalEstimators::estimateStopsWhenCancelled()
{
    QFETCH(int, rows);
    testing::SyntheticSpec spec;
    spec.rows = std::size_t(rows);
    const CausalData data = testing::makeSyntheticData(spec);
    int polls = 0;
    QVERIFY_THROWS_EXCEPTION(e2i::kernels::Cancelled, estimateLinear(data, [&] { return ++polls > 0; }));
    QVERIFY(polls > 0);
    // Not cancelled: the same data gives an estimate.
    QVERIFY(std::isfinite(estimateLinear(data, [] { return false; }).effect));
}

QTEST_GUILESS_MAIN(tst_CausalEstimators)
#include "tst_CausalEstimators.moc"
