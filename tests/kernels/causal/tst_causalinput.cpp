// Malformed input is rejected with a message naming the file, line or column and the
// reason, through the API and through `e2i-kernels refute` (exit status 1, never a crash).
#include "causal/CausalData.h"
#include "causal/RefuteCommand.h"
#include "causal/RefutationRunner.h"
#include "io/CsvTable.h"

#include <QTest>

#include <string>
#include <vector>

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
} // namespace

class TestCausalInput : public QObject {
    Q_OBJECT
private slots:
    void rejectedWithReason_data();
    void rejectedWithReason();
    void commandLineRejects_data();
    void commandLineRejects();
};

void TestCausalInput::rejectedWithReason_data()
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

void TestCausalInput::rejectedWithReason()
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

void TestCausalInput::commandLineRejects_data()
{
    QTest::addColumn<QByteArrayList>("arguments");
    QTest::addColumn<int>("status");
    const QByteArray good = QByteArray::fromStdString(fixture("confounded_binary.csv"));
    const QByteArray bad = QByteArray::fromStdString(fixture("non_numeric.csv"));
    const QByteArrayList base{"refute", "--data", good, "--treatment", "treated", "--outcome", "outcome"};
    QTest::addRow("bad data") << QByteArrayList{"refute", "--data", bad, "--treatment", "treated", "--outcome", "outcome"} << 1;
    QTest::addRow("missing file") << QByteArrayList{"refute", "--data", "/nonexistent.csv", "--treatment", "t", "--outcome", "y"} << 1;
    QTest::addRow("ipw on continuous treatment")
        << (base + QByteArrayList{"--treatment", "age_z", "--common-causes", "income_z", "--estimator", "ipw"}) << 1;
    QTest::addRow("unknown refuter") << (base + QByteArrayList{"--refuters", "placebo,magic"}) << 2;
    QTest::addRow("bad simulations") << (base + QByteArrayList{"--simulations", "ten"}) << 2;
    QTest::addRow("no outcome") << QByteArrayList{"refute", "--data", good} << 2;
    QTest::addRow("valid") << (base + QByteArrayList{"--common-causes", "age_z,income_z,urban", "--simulations", "5", "--json"}) << 0;
}

void TestCausalInput::commandLineRejects()
{
    QFETCH(QByteArrayList, arguments);
    QFETCH(int, status);
    std::vector<char *> argv;
    for (QByteArray &a : arguments)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    QCOMPARE(runRefuteCommand(static_cast<int>(arguments.size()), argv.data()), status);
}

QTEST_GUILESS_MAIN(TestCausalInput)
#include "tst_causalinput.moc"
