// Malformed input is rejected with a message naming the file, line or column and the
// reason, through the API and through `e2i-kernels refute` (exit status 1 for data, 2 for
// the command line, never a crash).
#include "../StreamCapture.h"
#include "causal/CausalData.h"
#include "cli/RefuteCommand.h"
#include "causal/RefutationRunner.h"
#include "causal/Sensitivity.h"
#include "io/CsvTable.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include <unistd.h>

using namespace e2i::kernels;
using namespace e2i::kernels::causal;

namespace {
std::string fixture(const QByteArray &name) { return std::string(E2I_TEST_DATA_DIR "/causal/") + name.toStdString(); }

// The first error message the whole pipeline (read, select, estimate) gives for a file.
std::string errorFor(const std::string &path, const CausalSpec &spec)
{
    try {
        const CausalData data = causalDataFromTable(readCsv(path), spec, path);
        RefutationRequest request;
        request.simulations = 2;
        runRefutation(data, request);
    } catch (const std::exception &error) {
        return error.what();
    }
    return {};
}

// Points one standard stream at a temporary file until destroyed (shared with the shap tests).
using Redirected = e2i::testsupport::StreamCapture;

// Runs `e2i-kernels refute` in this process and returns its exit status, with what it
// wrote to standard output and standard error.
int runCommand(QByteArrayList arguments, QByteArray *errors, QByteArray *output = nullptr)
{
    std::vector<char *> argv;
    for (QByteArray &a : arguments)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    Redirected out(stdout, STDOUT_FILENO);
    Redirected err(stderr, STDERR_FILENO);
    const int status = runRefuteCommand(static_cast<int>(arguments.size()), argv.data());
    *errors = err.contents();
    const QByteArray printed = out.contents();
    if (output)
        *output = printed;
    return status;
}

// The confounded fixture with its outcome scaled so that its largest value is `largest`.
QByteArray writeScaledOutcome(const QTemporaryDir &dir, double largest)
{
    const std::string source = fixture("confounded_binary.csv");
    const CsvTable table = readCsv(source);
    const auto outcome = table.column(1);
    double peak = 0.0;
    for (const double y : outcome)
        peak = std::max(peak, std::abs(y));
    const QString path = dir.filePath(QStringLiteral("huge_outcome.csv"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write("treated,outcome,age_z\n");
    for (std::size_t i = 0; i < table.rows; ++i)
        file.write(QByteArray::number(table.column(0)[i]) + ',' + QByteArray::number(outcome[i] / peak * largest, 'g', 17)
                   + ',' + QByteArray::number(table.column(2)[i], 'g', 17) + '\n');
    return path.toUtf8();
}
} // namespace

class tst_CausalInput : public QObject {
    Q_OBJECT
private slots:
    void rejectedWithReason_data();
    void rejectedWithReason();
    void commandLineRejects_data();
    void commandLineRejects();
    void requestBoundsAreEnforced();
    void nonFiniteResultsAreRejected_data();
    void nonFiniteResultsAreRejected();
    void outputFileIsCheckedFirst();
    void failedSimulationsAreReported_data();
    void failedSimulationsAreReported();
    void robustnessValueAtOneDofIsUndefined_data();
    void robustnessValueAtOneDofIsUndefined();
    void categoricalCommonCausesAreOneHot();
    void categoricalInputRejectedWithReason_data();
    void categoricalInputRejectedWithReason();
};

namespace {
// A CSV written into `dir`: header plus rows; returns its path.
QByteArray writeCsv(const QTemporaryDir &dir, const char *name, const QByteArray &text)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(text);
    return path.toUtf8();
}

// 300 rows of which only 12 are treated: IPW needs 10 per group, so a good share of the
// bootstrap resamples (and 80 % subsets) fall below it and their refits are undefined.
QByteArray writeFewTreated(const QTemporaryDir &dir)
{
    QByteArray text = "treated,outcome,x\n";
    for (int i = 0; i < 300; ++i) {
        const double x = std::sin(i * 0.7) + 0.01 * i;
        const int treated = i % 25 == 0 ? 1 : 0;
        text += QByteArray::number(treated) + ',' + QByteArray::number(0.5 * treated + x + std::cos(i * 1.3), 'g', 17) + ','
            + QByteArray::number(x, 'g', 17) + '\n';
    }
    return writeCsv(dir, "few_treated.csv", text);
}
} // namespace

void tst_CausalInput::rejectedWithReason_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QByteArray>("commonCauses");
    QTest::addColumn<QByteArrayList>("expectedParts");
    QTest::addRow("non-numeric cell") << QByteArray("non_numeric.csv") << QByteArray("age_z")
                                      << QByteArrayList{"non_numeric.csv:3", "age_z"};
    QTest::addRow("missing value") << QByteArray("missing_value.csv") << QByteArray("age_z")
                                   << QByteArrayList{"missing_value.csv:3", "outcome", "missing"};
    QTest::addRow("missing column") << QByteArray("confounded_binary.csv") << QByteArray("age_z,salary,region")
                                    << QByteArrayList{"confounded_binary.csv:1", "'salary', 'region'", "no column"};
    QTest::addRow("constant treatment") << QByteArray("constant_treatment.csv") << QByteArray("age_z")
                                        << QByteArrayList{"treated", "constant"};
    QTest::addRow("collinear covariates") << QByteArray("collinear.csv") << QByteArray("age_z,age_twice")
                                          << QByteArrayList{"collinear", "age_"};
    QTest::addRow("n <= p") << QByteArray("too_few_rows.csv") << QByteArray("age_z,income_z")
                            << QByteArrayList{"4 rows but 4 parameters"};
}

void tst_CausalInput::rejectedWithReason()
{
    QFETCH(QByteArray, file);
    QFETCH(QByteArray, commonCauses);
    QFETCH(QByteArrayList, expectedParts);
    CausalSpec spec{"treated", "outcome", {}};
    for (const QByteArray &name : commonCauses.split(','))
        spec.commonCauses.push_back(name.toStdString());
    const QByteArray message = QByteArray::fromStdString(errorFor(fixture(file), spec));
    QVERIFY2(!message.isEmpty(), "the input was accepted");
    for (const QByteArray &part : expectedParts)
        QVERIFY2(message.contains(part), QByteArray("'" + part + "' not in: " + message).constData());
}

void tst_CausalInput::commandLineRejects_data()
{
    QTest::addColumn<QByteArrayList>("arguments");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArrayList>("messageParts"); // all must appear on standard error
    const QByteArray good = QByteArray::fromStdString(fixture("confounded_binary.csv"));
    const QByteArray bad = QByteArray::fromStdString(fixture("non_numeric.csv"));
    const QByteArrayList base{"refute", "--data", good, "--treatment", "treated", "--outcome", "outcome"};
    QTest::addRow("bad data") << QByteArrayList{"refute", "--data", bad, "--treatment", "treated", "--outcome", "outcome"} << 1
                              << QByteArrayList{"non_numeric.csv:3"};
    QTest::addRow("missing file") << QByteArrayList{"refute", "--data", "/nonexistent.csv", "--treatment", "t", "--outcome", "y"} << 1
                                  << QByteArrayList{"/nonexistent.csv"};
    QTest::addRow("ipw on continuous treatment")
        << (base + QByteArrayList{"--treatment", "age_z", "--common-causes", "income_z", "--estimator", "ipw"}) << 1
        << QByteArrayList{"must be binary"};
    QTest::addRow("unknown refuter") << (base + QByteArrayList{"--refuters", "placebo,magic"}) << 2 << QByteArrayList{"'magic'"};
    QTest::addRow("simulations not a number") << (base + QByteArrayList{"--simulations", "ten"}) << 2
                                              << QByteArrayList{"--simulations", "whole number", "'ten'"};
    QTest::addRow("simulations huge") << (base + QByteArrayList{"--simulations", "99999999999"}) << 2
                                      << QByteArrayList{"--simulations", "2 to 100000", "'99999999999'"};
    QTest::addRow("simulations beyond 64 bits") << (base + QByteArrayList{"--simulations", "99999999999999999999999"}) << 2
                                                << QByteArrayList{"--simulations", "2 to 100000"};
    QTest::addRow("simulations too few") << (base + QByteArrayList{"--simulations", "1"}) << 2
                                         << QByteArrayList{"--simulations", "2 to 100000"};
    QTest::addRow("threads huge") << (base + QByteArrayList{"--threads", "100000"}) << 2
                                  << QByteArrayList{"--threads", "1 to 1024", "'100000'"};
    QTest::addRow("threads beyond 32 bits") << (base + QByteArrayList{"--threads", "99999999999"}) << 2
                                            << QByteArrayList{"--threads", "1 to 1024"};
    QTest::addRow("threads negative") << (base + QByteArrayList{"--threads", "-4"}) << 2 << QByteArrayList{"--threads", "'-4'"};
    QTest::addRow("threads not a number") << (base + QByteArrayList{"--threads", "4x"}) << 2
                                          << QByteArrayList{"--threads", "whole number", "'4x'"};
    QTest::addRow("no outcome") << QByteArrayList{"refute", "--data", good} << 2 << QByteArrayList{"--treatment is required"};
    QTest::addRow("valid") << (base + QByteArrayList{"--common-causes", "age_z,income_z,urban", "--simulations", "5", "--json"}) << 0
                           << QByteArrayList{};
}

void tst_CausalInput::commandLineRejects()
{
    QFETCH(QByteArrayList, arguments);
    QFETCH(int, status);
    QFETCH(QByteArrayList, messageParts);
    QByteArray errors;
    QCOMPARE(runCommand(arguments, &errors), status);
    for (const QByteArray &part : messageParts)
        QVERIFY2(errors.contains(part), QByteArray("'" + part + "' not in: " + errors).constData());
}

void tst_CausalInput::requestBoundsAreEnforced()
{
    const std::string path = fixture("confounded_binary.csv");
    const CausalData data = causalDataFromTable(readCsv(path), {"treated", "outcome", {"age_z"}}, path);
    RefutationRequest request;
    request.refuters = {RefuterKind::Placebo};
    request.simulations = kMaxRefutationSimulations + 1;
    QVERIFY_THROWS_EXCEPTION(CausalInputError, runRefutation(data, request));
    // Threads beyond the bound are capped rather than started.
    request.simulations = kMinRefutationSimulations;
    request.threads = 100'000;
    QCOMPARE(runRefutation(data, request).refutations.size(), std::size_t(1));
}

void tst_CausalInput::nonFiniteResultsAreRejected_data()
{
    QTest::addColumn<QByteArray>("estimator");
    QTest::addColumn<bool>("json");
    for (const char *estimator : {"linear", "ipw", "aipw"})
        for (const bool json : {false, true})
            QTest::addRow("%s%s", estimator, json ? ", json" : "") << QByteArray(estimator) << json;
}

// Outcomes near the double range overflow the sums of squares: an error that names what
// became non-finite and suggests rescaling, never "nan" printed as a result.
void tst_CausalInput::nonFiniteResultsAreRejected()
{
    QFETCH(QByteArray, estimator);
    QFETCH(bool, json);
    const QTemporaryDir dir;
    const QByteArray path = writeScaledOutcome(dir, std::numeric_limits<double>::max() / 2);
    QByteArrayList arguments{"refute", "--data", path, "--treatment", "treated", "--outcome", "outcome",
                             "--common-causes", "age_z", "--estimator", estimator, "--simulations", "10"};
    if (json)
        arguments << "--json";
    QByteArray errors, output;
    QCOMPARE(runCommand(arguments, &errors, &output), 1);
    QVERIFY2(!output.toLower().contains("nan"), output.constData());
    QVERIFY2(errors.contains("not finite") || errors.contains("overflow"), errors.constData());
    QVERIFY2(errors.contains("rescale"), errors.constData());

    // The same data at a sane scale runs.
    const QByteArray sane = writeScaledOutcome(dir, 10.0);
    arguments[2] = sane;
    QCOMPARE(runCommand(arguments, &errors, &output), 0);
}

// An unwritable --out is reported before the data is even read (the data here is bad too, and
// that error would come first otherwise); a writable one receives the report, stdout nothing.
void tst_CausalInput::outputFileIsCheckedFirst()
{
    const QByteArray bad = QByteArray::fromStdString(fixture("non_numeric.csv"));
    QByteArray errors, output;
    QCOMPARE(runCommand({"refute", "--data", bad, "--treatment", "treated", "--outcome", "outcome", "--out",
                         "/nonexistent-dir/report.json"},
                        &errors),
             1);
    QVERIFY2(errors.contains("/nonexistent-dir/report.json") && errors.contains("cannot open for writing"), errors.constData());

    const QTemporaryDir dir;
    const QByteArray out = dir.filePath(QStringLiteral("report.json")).toUtf8();
    const QByteArray good = QByteArray::fromStdString(fixture("confounded_binary.csv"));
    QCOMPARE(runCommand({"refute", "--data", good, "--treatment", "treated", "--outcome", "outcome", "--common-causes", "age_z",
                         "--refuters", "placebo", "--simulations", "5", "--json", "--out", out},
                        &errors, &output),
             0);
    QVERIFY(output.isEmpty());
    QFile written(QString::fromUtf8(out));
    QVERIFY(written.open(QIODevice::ReadOnly));
    QVERIFY(written.readAll().contains("\"refutations\""));
}

void tst_CausalInput::failedSimulationsAreReported_data()
{
    QTest::addColumn<bool>("json");
    QTest::addRow("text") << false;
    QTest::addRow("json") << true;
}

// 100 bootstrap simulations of which some refits are undefined: the output says how many ran
// and that the normal test replaced DoWhy's bootstrap test because of it.
void tst_CausalInput::failedSimulationsAreReported()
{
    QFETCH(bool, json);
    const QTemporaryDir dir;
    QByteArrayList arguments{"refute", "--data", writeFewTreated(dir), "--treatment", "treated", "--outcome", "outcome",
                             "--common-causes", "x", "--estimator", "ipw", "--refuters", "bootstrap", "--simulations", "100"};
    if (json)
        arguments << "--json";
    QByteArray errors, output;
    QCOMPARE(runCommand(arguments, &errors, &output), 0);
    if (json) {
        const QByteArray compact = QByteArray(output).replace(" ", "");
        QVERIFY2(compact.contains("\"significance_test\":\"normal\""), output.constData());
        QVERIFY2(compact.contains("\"valid_simulations\":"), output.constData());
        QVERIFY2(!compact.contains("\"failed_simulations\":0,"), output.constData());
        return;
    }
    QVERIFY2(output.contains("ran/requested") && output.contains("/100") && output.contains("normal"), output.constData());
    QVERIFY2(output.contains("simulations failed") && output.contains("instead of the bootstrap test"), output.constData());
}

void tst_CausalInput::robustnessValueAtOneDofIsUndefined_data()
{
    QTest::addColumn<bool>("json");
    QTest::addRow("text") << false;
    QTest::addRow("json") << true;
}

// Four rows, intercept + treatment + one common cause: one residual degree of freedom, where
// sensemakr's RV_{q,alpha} is NaN (no t quantile with 0 df). Printed as n/a / null, never 0.
void tst_CausalInput::robustnessValueAtOneDofIsUndefined()
{
    QFETCH(bool, json);
    QVERIFY(std::isnan(robustnessValue(3.0, 1.0, 1.0, 0.05)));
    QVERIFY(robustnessValue(3.0, 1.0, 1.0, 1.0) > 0.0); // RV_q needs no quantile
    QVERIFY(std::isfinite(robustnessValue(3.0, 2.0, 1.0, 0.05)));
    const QTemporaryDir dir;
    const QByteArray path = writeCsv(dir, "four_rows.csv", "t,y,x\n0,1.0,1\n1,2.5,2\n0,2.9,3\n1,5.2,5\n");
    QByteArrayList arguments{"refute", "--data", path, "--treatment", "t", "--outcome", "y", "--common-causes", "x",
                             "--refuters", "dummy_outcome", "--simulations", "5"};
    if (json)
        arguments << "--json";
    QByteArray errors, output;
    QCOMPARE(runCommand(arguments, &errors, &output), 0);
    if (json)
        QVERIFY2(QByteArray(output).replace(" ", "").contains("\"robustness_value_alpha\":null"), output.constData());
    else
        QVERIFY2(output.contains("RV_q,alpha n/a"), output.constData());
}

namespace {
const char *kRegions = "treated,outcome,region,age,zone\n"
                       "1,3.1,north,0.5,1\n0,1.2,east,1.5,2\n1,2.9,west,-0.3,3\n0,0.7,north,0.1,1\n"
                       "1,3.3,east,0.9,3\n0,1.1,west,-1.2,2\n1,2.2,north,0.4,1\n0,0.4,east,0.3,3\n";

CausalData regionsData(std::vector<std::string> categorical = {})
{
    return causalDataFromTable(parseCsv(kRegions, "r.csv", {.textColumns = true}),
                               {"treated", "outcome", {"region", "age", "zone"}, std::move(categorical)}, "r.csv");
}
} // namespace

// A text common cause becomes indicators of its levels but the first (sorted: east dropped);
// numeric codes do too when declared, and stay one numeric column otherwise.
void tst_CausalInput::categoricalCommonCausesAreOneHot()
{
    const CausalData plain = regionsData();
    QCOMPARE(plain.spec.commonCauses, (std::vector<std::string>{"region=north", "region=west", "age", "zone"}));
    QCOMPARE(plain.categoricalGroups.size(), std::size_t(1));
    QCOMPARE(plain.categoricalGroups[0].first, std::size_t(0));
    QCOMPARE(plain.categoricalGroups[0].count, std::size_t(2));
    const std::vector<double> north(plain.commonCause(0).begin(), plain.commonCause(0).end());
    const std::vector<double> west(plain.commonCause(1).begin(), plain.commonCause(1).end());
    QCOMPARE(north, (std::vector<double>{1, 0, 0, 1, 0, 0, 1, 0}));
    QCOMPARE(west, (std::vector<double>{0, 0, 1, 0, 0, 1, 0, 0}));

    const CausalData declared = regionsData({"zone"});
    QCOMPARE(declared.spec.commonCauses, (std::vector<std::string>{"region=north", "region=west", "age", "zone=2", "zone=3"}));
    QCOMPARE(declared.categoricalGroups.size(), std::size_t(2));
    QCOMPARE(declared.categoricalGroups[1].first, std::size_t(3));
    QCOMPARE(declared.commonCause(4)[2], 1.0); // row 3 is zone 3

    // The command reads text columns and takes --categorical.
    const QTemporaryDir dir;
    const QByteArray path = writeCsv(dir, "regions.csv", kRegions);
    QByteArray errors, output;
    QCOMPARE(runCommand({"refute", "--data", path, "--treatment", "treated", "--outcome", "outcome", "--common-causes",
                         "region,age", "--categorical", "region", "--refuters", "placebo", "--simulations", "5", "--json"},
                        &errors, &output),
             0);
}

void tst_CausalInput::categoricalInputRejectedWithReason_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QStringList>("categorical");
    QTest::addColumn<QString>("reason");
    QTest::addRow("text treatment") << QByteArray("treated,outcome,region,age,zone\nyes,1,a,1,1\nno,2,b,2,2\n") << QStringList{}
                                    << QStringLiteral("column 'treated': the treatment holds text");
    QTest::addRow("missing level") << QByteArray(kRegions).replace("0,0.7,north", "0,0.7,") << QStringList{}
                                   << QStringLiteral("r.csv:5: column 'region': missing");
    QTest::addRow("declared, not a common cause") << QByteArray(kRegions) << QStringList{QStringLiteral("outcome")}
                                                  << QStringLiteral("column 'outcome': declared categorical but not a common cause");
}

void tst_CausalInput::categoricalInputRejectedWithReason()
{
    QFETCH(QByteArray, csv);
    QFETCH(QStringList, categorical);
    QFETCH(QString, reason);
    std::vector<std::string> declared;
    for (const QString &name : categorical)
        declared.push_back(name.toStdString());
    try {
        causalDataFromTable(parseCsv(csv.toStdString(), "r.csv", {.textColumns = true}),
                            {"treated", "outcome", {"region", "age", "zone"}, declared}, "r.csv");
        QFAIL("bad categorical input was accepted");
    } catch (const CausalInputError &error) {
        QVERIFY2(QString::fromStdString(error.what()).contains(reason), error.what());
    }
}

QTEST_GUILESS_MAIN(tst_CausalInput)
#include "tst_CausalInput.moc"
