// The refutation report's JSON, written and read back: an equal report, bit for bit, for
// every estimator and every refuter kind, with the NaNs a report can hold (failed refits, an
// undefined robustness value, no p-value); and a malformed report refused with its field.
#include "SyntheticCausalData.h"

#include "causal/RefutationJson.h"
#include "causal/RefutationRunner.h"

#include <QTest>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

using namespace e2i::kernels::causal;

namespace {

constexpr std::size_t kSimulations = 20;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Bit for bit, except that every NaN is one (the JSON has one null for all of them).
bool same(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

bool same(const std::vector<double> &a, const std::vector<double> &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](double x, double y) { return same(x, y); });
}

bool same(const std::optional<double> &a, const std::optional<double> &b)
{
    return a.has_value() == b.has_value() && (!a || same(*a, *b));
}

// Every field of the report; names the first that differs.
std::string difference(const RefutationReport &a, const RefutationReport &b)
{
    const EffectEstimate &x = a.estimate, &y = b.estimate;
    const std::pair<const char *, bool> estimate[] = {
        {"estimator", x.estimator == y.estimator}, {"effect", same(x.effect, y.effect)},
        {"std_error", same(x.stdError, y.stdError)}, {"ci_low", same(x.ciLow, y.ciLow)},
        {"ci_high", same(x.ciHigh, y.ciHigh)}, {"p_value", same(x.pValue, y.pValue)},
        {"t_statistic", same(x.tStatistic, y.tStatistic)}, {"residual_dof", same(x.residualDof, y.residualDof)},
        {"n", x.n == y.n}, {"warnings", x.warnings == y.warnings}, {"att", same(a.att, b.att)}, {"atc", same(a.atc, b.atc)},
        {"refutations", a.refutations.size() == b.refutations.size()},
        {"sensitivity", a.sensitivity.has_value() == b.sensitivity.has_value()}};
    for (const auto &[name, equal] : estimate)
        if (!equal)
            return std::string("estimate ") + name;
    for (std::size_t i = 0; i < a.refutations.size(); ++i) {
        const Refutation &r = a.refutations[i], &s = b.refutations[i];
        const std::pair<const char *, bool> fields[] = {
            {"kind", r.kind == s.kind}, {"originalEffect", same(r.originalEffect, s.originalEffect)},
            {"referenceEffect", same(r.referenceEffect, s.referenceEffect)}, {"newEffect", same(r.newEffect, s.newEffect)},
            {"newEffectStd", same(r.newEffectStd, s.newEffectStd)}, {"pValue", same(r.pValue, s.pValue)},
            {"passed", r.passed == s.passed}, {"simulations", r.simulations == s.simulations},
            {"failedSimulations", r.failedSimulations == s.failedSimulations}, {"test", r.test == s.test},
            {"simulatedEffects", same(r.simulatedEffects, s.simulatedEffects)},
            {"strengthGrid", same(r.strengthGrid, s.strengthGrid)}, {"effectMin", same(r.effectMin, s.effectMin)},
            {"effectMax", same(r.effectMax, s.effectMax)}};
        for (const auto &[name, equal] : fields)
            if (!equal)
                return "refutation " + std::to_string(i) + " " + name;
    }
    if (!a.sensitivity)
        return {};
    const SensitivityFigures &f = *a.sensitivity, &g = *b.sensitivity;
    const std::pair<const char *, bool> sensitivity[] = {
        {"estimate", same(f.estimate, g.estimate)}, {"stdError", same(f.stdError, g.stdError)},
        {"tStatistic", same(f.tStatistic, g.tStatistic)}, {"dof", same(f.dof, g.dof)}, {"q", same(f.q, g.q)},
        {"alpha", same(f.alpha, g.alpha)}, {"partialR2", same(f.partialR2, g.partialR2)},
        {"robustnessValue", same(f.robustnessValue, g.robustnessValue)},
        {"robustnessValueAlpha", same(f.robustnessValueAlpha, g.robustnessValueAlpha)}};
    for (const auto &[name, equal] : sensitivity)
        if (!equal)
            return std::string("sensitivity ") + name;
    return {};
}

RefutationReport reportOf(EstimatorKind estimator)
{
    RefutationRequest request;
    request.estimator = estimator;
    request.simulations = kSimulations;
    request.threads = 2;
    return runRefutation(testing::makeSyntheticData({.rows = 400}), request);
}

// What a report can hold that synthetic data does not give: failed refits (NaN effects),
// the undefined RV_{q,alpha}, a refuter with no p-value, warnings; and values that print
// with every one of their 17 digits.
RefutationReport withTheRareCases(RefutationReport report)
{
    Refutation &placebo = report.refutations.front();
    placebo.simulatedEffects[3] = placebo.simulatedEffects[11] = kNaN;
    placebo.failedSimulations = 2;
    placebo.pValue.reset();
    placebo.test = SignificanceTest::None;
    placebo.newEffect = 0.1 + 0.2;
    placebo.effectMin = std::nextafter(1.0, 2.0);
    placebo.effectMax = std::numeric_limits<double>::denorm_min();
    report.sensitivity->robustnessValueAlpha = kNaN;
    report.estimate.pValue = 0.0;
    report.estimate.warnings = {"poor overlap: \"quoted\", ü", "a second one"};
    return report;
}

std::string messageOf(const std::string &json)
{
    try {
        refutationReportFromJson(json, "report.json");
    } catch (const RefutationJsonError &error) {
        return error.what();
    }
    return "accepted";
}

} // namespace

class tst_RefutationJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTripGivesAnEqualReport_data();
    void roundTripGivesAnEqualReport();
    void everyRefuterKindIsThere();
    void jsonHoldsWhatTheTabDraws();
    void malformedReportNamesTheField_data();
    void malformedReportNamesTheField();

private:
    std::string m_linearJson;
};

void tst_RefutationJson::initTestCase()
{
    m_linearJson = refutationReportToJson(reportOf(EstimatorKind::Linear));
}

void tst_RefutationJson::roundTripGivesAnEqualReport_data()
{
    QTest::addColumn<int>("estimator");
    QTest::addColumn<bool>("rareCases");
    QTest::addRow("linear") << int(EstimatorKind::Linear) << false;
    QTest::addRow("linear, NaNs and warnings") << int(EstimatorKind::Linear) << true;
    QTest::addRow("ipw (att, atc)") << int(EstimatorKind::Ipw) << false;
    QTest::addRow("aipw") << int(EstimatorKind::Aipw) << false;
}

void tst_RefutationJson::roundTripGivesAnEqualReport()
{
    QFETCH(int, estimator);
    QFETCH(bool, rareCases);
    RefutationReport report = reportOf(EstimatorKind(estimator));
    if (rareCases)
        report = withTheRareCases(std::move(report));
    const std::string json = refutationReportToJson(report);
    const RefutationReport read = refutationReportFromJson(json, "report.json");
    const std::string differs = difference(report, read);
    QVERIFY2(differs.empty(), differs.c_str());
    // The writer's own output again: nothing is lost or added on the way.
    QCOMPARE(refutationReportToJson(read), json);
    QCOMPARE(read.att.has_value(), EstimatorKind(estimator) == EstimatorKind::Ipw);
    QCOMPARE(read.sensitivity.has_value(), EstimatorKind(estimator) == EstimatorKind::Linear);
}

void tst_RefutationJson::everyRefuterKindIsThere()
{
    const RefutationReport read = refutationReportFromJson(m_linearJson, "report.json");
    QCOMPARE(read.refutations.size(), allRefuterKinds().size());
    for (std::size_t i = 0; i < read.refutations.size(); ++i)
        QCOMPARE(int(read.refutations[i].kind), int(allRefuterKinds()[i]));
    const Refutation &unobserved = read.refutations.back();
    QVERIFY(!unobserved.strengthGrid.empty());
    QCOMPARE(unobserved.simulatedEffects.size(), unobserved.strengthGrid.size() * unobserved.strengthGrid.size());
    QVERIFY(!unobserved.pValue);
}

void tst_RefutationJson::jsonHoldsWhatTheTabDraws()
{
    // Each histogram's simulated effects, and the values that were not written before.
    for (const char *field : {"\"simulated_effects\"", "\"original_effect\"", "\"new_effect_min\"", "\"t_statistic\"",
                              "\"residual_dof\"", "\"std_error\""})
        QVERIFY2(m_linearJson.find(field) != std::string::npos, field);
}

void tst_RefutationJson::malformedReportNamesTheField_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QByteArray>("message");
    const auto row = [](const char *name, const char *from, const char *to, const char *message) {
        QTest::newRow(name) << QByteArray(from) << QByteArray(to) << QByteArray(message);
    };
    row("not JSON", R"("estimate")", R"("estimate)", "report.json: not JSON: byte");
    row("missing field", R"("ci_low")", R"("ci_lo")", "report.json: estimate.ci_low: missing");
    row("text for a number", R"("effect": )", R"("effect": "2", "x": )",
        R"(report.json: estimate.effect: expected a number or null, not string "2")");
    row("unknown estimator", R"("linear")", R"("ols")", "report.json: estimate.estimator: unknown estimator 'ols'");
    row("unknown refuter", R"("placebo")", R"("placebos")", "report.json: refutations[0].refuter: unknown refuter 'placebos'");
    row("negative count", R"("simulations": 20)", R"("simulations": -20)",
        "report.json: refutations[0].simulations: expected a whole number ≥ 0, not number -20");
    row("flag as number", R"("passed": )", R"("passed": 1, "p": )",
        "report.json: refutations[0].passed: expected true or false, not number 1");
    row("more effects than simulations", R"("simulated_effects": [)", R"("simulated_effects": [null, )",
        "report.json: refutations[0].simulated_effects: holds 21 effects, but simulations is 20");
    row("text in the grid", R"("strength_grid": [)", R"("strength_grid": ["a", )",
        R"(report.json: refutations[5].strength_grid: [0]: expected a number or null, not string "a")");
    row("unknown test", R"("significance_test": "normal")", R"("significance_test": "t")",
        "report.json: refutations[0].significance_test: 't' is not bootstrap, normal or null");
    row("sensitivity not an object", R"("sensitivity": {)", R"("sensitivity": 5, "s": {)",
        "report.json: sensitivity: expected an object, not number 5");
    row("warnings not text", R"("warnings": [])", R"("warnings": [3])",
        "report.json: warnings: [0]: expected a string, not number 3");
}

void tst_RefutationJson::malformedReportNamesTheField()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QByteArray, message);
    std::string json = m_linearJson;
    const std::size_t at = json.find(from.toStdString());
    QVERIFY2(at != std::string::npos, from.constData());
    json.replace(at, std::size_t(from.size()), to.toStdString());
    const std::string got = messageOf(json);
    QVERIFY2(got.starts_with(message.toStdString()), got.c_str());
}

QTEST_APPLESS_MAIN(tst_RefutationJson)
#include "tst_RefutationJson.moc"
