// ShapRunner and the `shap` command against XGBoost 1.7.4's own pred_contribs and
// pred_interactions (fixtures in tests/data/shap, see its README), plus thread-count
// independence, cancellation and the command's output format and errors.
#include "../StreamCapture.h"
#include "ShapTestSupport.h"
#include "io/CsvTable.h"
#include "cli/ShapCommand.h"
#include "shap/ShapRunner.h"
#include "shap/XgbModel.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <sstream>

using namespace e2i::kernels;
using namespace e2i::kernels::shap;

namespace {
// XGBoost accumulates in float32 over tens of trees: about 1e-7 relative per term. Values here
// are of order 1-5, so this bound is ~100 float ulps and far below any algorithmic error.
constexpr double kFloat32Tolerance = 2e-5;

std::string fixture(const QString &name)
{
    return QStringLiteral(E2I_TEST_DATA_DIR "/shap/%1").arg(name).toStdString();
}

struct Fixture {
    XgbModel model;
    CsvTable table;
    FeatureMatrix data;
};

Fixture loadFixture(const QString &name)
{
    Fixture f{loadXgbModel(fixture(name + QStringLiteral(".json"))), readCsv(fixture(name + QStringLiteral(".data.csv"))), {}};
    f.data = matchFeatures(f.table, f.model, name.toStdString());
    return f;
}

ShapResult run(const Fixture &f, ShapOptions options = {})
{
    return runShap(f.model, f.data, options);
}

// Expected lines: [row-or-nothing, class-or-nothing, feature-or-nothing, values...]; `skip`
// leading columns are labels.
void compareToXgboost(const ShapResult &result, const CsvTable &expected, std::size_t skip)
{
    const std::size_t perRow = result.interactions ? result.width() : 1;
    QCOMPARE(expected.rows, result.rows * static_cast<std::size_t>(result.groups) * perRow);
    QCOMPARE(expected.columns.size(), skip + result.width());
    double worst = 0.0;
    for (std::size_t line = 0; line < expected.rows; ++line) {
        const std::size_t r = line / (perRow * static_cast<std::size_t>(result.groups));
        const auto g = static_cast<int>((line / perRow) % static_cast<std::size_t>(result.groups));
        const double *ours = result.row(g, r) + (line % perRow) * result.width();
        for (std::size_t c = 0; c < result.width(); ++c) {
            const double theirs = expected.column(skip + c)[line];
            worst = std::max(worst, std::fabs(ours[c] - theirs));
            QVERIFY2(std::fabs(ours[c] - theirs) <= kFloat32Tolerance * std::max(1.0, std::fabs(theirs)),
                     qPrintable(QStringLiteral("line %1 column %2: %3 vs XGBoost %4").arg(line).arg(c).arg(ours[c]).arg(theirs)));
        }
    }
    qDebug("largest difference from XGBoost: %.3g", worst);
}

int runCommand(const QStringList &arguments)
{
    std::vector<std::string> storage{"shap"};
    for (const QString &a : arguments)
        storage.push_back(a.toStdString());
    std::vector<char *> argv;
    for (std::string &s : storage)
        argv.push_back(s.data());
    return runShapCommand(static_cast<int>(argv.size()), argv.data());
}

// The exit status of `e2i-kernels shap`, with what it printed on standard error.
int runCommandCapturingErrors(const QStringList &arguments, QByteArray *errors)
{
    e2i::testsupport::StreamCapture capture(stderr, STDERR_FILENO);
    const int status = runCommand(arguments);
    *errors = capture.contents();
    return status;
}

// The largest category code any split of `feature` sends right: codes above it are unseen.
int largestSplitCategory(const XgbModel &model, int feature)
{
    int largest = -1;
    for (const XgbTree &tree : model.trees)
        for (int n = 0; n < tree.nodeCount(); ++n)
            if (!tree.isLeaf(n) && tree.isCategorical(n) && tree.feature[static_cast<std::size_t>(n)] == feature)
                largest = std::max(largest, tree.categories[static_cast<std::size_t>(tree.categoryEnd[static_cast<std::size_t>(n)] - 1)]);
    return largest;
}

QString readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}
} // namespace

class tst_ShapRunner : public QObject {
    Q_OBJECT

private slots:
    void fixtures_data()
    {
        interactionFixtures_data();
        QTest::addRow("poisson, depth 4") << QStringLiteral("poisson_d4");
        QTest::addRow("regression, depth 12") << QStringLiteral("reg_d12");
    }

    // pred_interactions fixtures are kept for the small models only.
    void interactionFixtures_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addRow("regression, depth 1") << QStringLiteral("reg_d1");
        QTest::addRow("regression, depth 3, missing values") << QStringLiteral("reg_d3_missing");
        QTest::addRow("binary logistic, depth 6, named") << QStringLiteral("binary_d6_named");
        QTest::addRow("multi-class, depth 4") << QStringLiteral("multi_d4");
        // base_score is a raw margin for logitraw: a logit would shift every bias and margin.
        QTest::addRow("binary logitraw, depth 3") << QStringLiteral("logitraw_d3");
        // enable_categorical=True, hist: partition splits (max_cat_to_onehot 1) and one-hot ones.
        QTest::addRow("categorical partition splits, depth 4") << QStringLiteral("cat_partition_d4");
        QTest::addRow("categorical one-hot splits, depth 3") << QStringLiteral("cat_onehot_d3");
    }

    // The categorical fixtures must exercise every routing rule: their test rows hold missing
    // cells, codes no split has seen and -1 (pandas' "no category", which XGBoost sends left
    // rather than treating as missing) in every categorical column.
    void categoricalFixturesCoverEveryCode_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addRow("partition") << QStringLiteral("cat_partition_d4");
        QTest::addRow("one-hot") << QStringLiteral("cat_onehot_d3");
    }

    void categoricalFixturesCoverEveryCode()
    {
        QFETCH(QString, name);
        const Fixture f = loadFixture(name);
        for (const int feature : {0, 2}) {
            const int largest = largestSplitCategory(f.model, feature);
            QVERIFY(largest >= 1);
            bool missing = false, unseen = false, negative = false;
            for (std::size_t r = 0; r < f.data.rows; ++r) {
                const double code = f.data.row(r)[feature];
                missing |= std::isnan(code);
                unseen |= code > largest;
                negative |= code < 0.0;
            }
            QVERIFY2(missing && unseen && negative, qPrintable(QStringLiteral("feature %1").arg(feature)));
        }
    }

    // Interventional values against a background have no XGBoost counterpart; on categorical
    // models they must still add up to margin(x) minus the background's mean margin.
    void interventionalOnCategoricalSumsToMargin()
    {
        const Fixture f = loadFixture(QStringLiteral("cat_partition_d4"));
        FeatureMatrix background;
        background.features = f.data.features;
        background.rows = 15;
        background.values.assign(f.data.values.begin(), f.data.values.begin() + 15 * f.data.features);
        double meanMargin = 0.0;
        for (std::size_t b = 0; b < background.rows; ++b)
            meanMargin += f.model.predictMargin(background.row(b), 0) / static_cast<double>(background.rows);
        ShapOptions options;
        options.background = &background;
        const ShapResult result = run(f, options);
        for (std::size_t r = 0; r < result.rows; ++r) {
            double sum = 0.0;
            for (std::size_t c = 0; c < result.width(); ++c)
                sum += result.row(0, r)[c];
            QVERIFY(std::fabs(result.row(0, r)[result.width() - 1] - meanMargin) <= 1e-12);
            QVERIFY2(std::fabs(sum - f.model.predictMargin(f.data.row(r), 0)) <= 1e-10, qPrintable(QString::number(r)));
        }
    }

    void contributionsMatchXgboost_data() { fixtures_data(); }
    void contributionsMatchXgboost()
    {
        QFETCH(QString, name);
        const Fixture f = loadFixture(name);
        for (const ShapAlgorithm algorithm : {ShapAlgorithm::Fast, ShapAlgorithm::Classic}) {
            ShapOptions options;
            options.algorithm = algorithm;
            const ShapResult result = run(f, options);
            compareToXgboost(result, readCsv(fixture(name + QStringLiteral(".contribs.csv"))), f.model.groupCount > 1 ? 1 : 0);
        }
    }

    void interactionsMatchXgboost_data() { interactionFixtures_data(); }
    void interactionsMatchXgboost()
    {
        QFETCH(QString, name);
        const Fixture f = loadFixture(name);
        ShapOptions options;
        options.interactions = true;
        compareToXgboost(run(f, options), readCsv(fixture(name + QStringLiteral(".interactions.csv"))),
                         f.model.groupCount > 1 ? 3 : 2);
    }

    // Additivity against XGBoost's own margin (output_margin=True).
    void rowsSumToXgboostMargin_data() { fixtures_data(); }
    void rowsSumToXgboostMargin()
    {
        QFETCH(QString, name);
        const Fixture f = loadFixture(name);
        const ShapResult result = run(f);
        const CsvTable margins = readCsv(fixture(name + QStringLiteral(".margin.csv")));
        const std::size_t marginColumn = margins.columns.size() - 1;
        for (std::size_t r = 0; r < result.rows; ++r)
            for (int g = 0; g < result.groups; ++g) {
                double sum = 0.0;
                for (std::size_t c = 0; c < result.width(); ++c)
                    sum += result.row(g, r)[c];
                const double theirs = margins.column(marginColumn)[r * static_cast<std::size_t>(result.groups) + static_cast<std::size_t>(g)];
                QVERIFY2(std::fabs(sum - theirs) <= kFloat32Tolerance * std::max(1.0, std::fabs(theirs)),
                         qPrintable(QStringLiteral("row %1 class %2: %3 vs %4").arg(r).arg(g).arg(sum).arg(theirs)));
            }
    }

    // XGBoost 2.x/3.x write base_score as "[5E-1]": the same model must give the same values.
    void bracketedBaseScoreGivesSameValues()
    {
        std::ifstream in(fixture(QStringLiteral("binary_d6_named.json")));
        std::stringstream text;
        text << in.rdbuf();
        std::string json = text.str();
        const std::string plain = "\"base_score\":\"5E-1\"";
        QVERIFY(json.find(plain) != std::string::npos);
        json.replace(json.find(plain), plain.size(), "\"base_score\":\"[5E-1]\"");
        const Fixture f = loadFixture(QStringLiteral("binary_d6_named"));
        const XgbModel bracketed = parseXgbModel(json, "bracketed.json");
        QCOMPARE(run(f).values, runShap(bracketed, f.data, {}).values);
    }

    void resultsDoNotDependOnThreads()
    {
        std::mt19937_64 rng(7001);
        std::vector<XgbTree> trees;
        for (int t = 0; t < 30; ++t)
            trees.push_back(testing::randomTree(rng, 6, 6));
        const XgbModel model = testing::modelOf(trees, 6, 0.1);
        FeatureMatrix data;
        data.features = 6;
        data.rows = 301;
        for (std::size_t r = 0; r < data.rows; ++r)
            for (const double v : testing::randomRow(rng, 6))
                data.values.push_back(v);
        for (const bool interactions : {false, true}) {
            ShapOptions options;
            options.interactions = interactions;
            options.threads = 1;
            const ShapResult one = runShap(model, data, options);
            for (const unsigned threads : {2u, 3u, 8u}) {
                options.threads = threads;
                QCOMPARE(runShap(model, data, options).values, one.values); // bit-identical
            }
        }
    }

    void cancelStopsTheRun()
    {
        std::mt19937_64 rng(7002);
        std::vector<XgbTree> trees;
        for (int t = 0; t < 200; ++t)
            trees.push_back(testing::randomTree(rng, 8, 10));
        const XgbModel model = testing::modelOf(trees, 8, 0.0);
        FeatureMatrix data;
        data.features = 8;
        data.rows = 200000;
        data.values.assign(data.rows * 8, 0.5);
        std::size_t lastDone = 0;
        // Cancelled once the first progress arrived, so the workers are stopped mid-run.
        QVERIFY_THROWS_EXCEPTION(e2i::kernels::Cancelled,
                                 runShap(model, data, {}, [&](std::size_t done, std::size_t) { lastDone = done; },
                                         [&] { return lastDone > 0; }));
        QVERIFY(lastDone > 0);
        QVERIFY(lastDone < data.rows);
    }

    void progressReachesTotal()
    {
        const Fixture f = loadFixture(QStringLiteral("reg_d3_missing"));
        std::size_t lastDone = 0;
        std::size_t lastTotal = 0;
        runShap(f.model, f.data, {}, [&](std::size_t done, std::size_t total) {
            QVERIFY(done >= lastDone);
            lastDone = done;
            lastTotal = total;
        });
        QCOMPARE(lastDone, f.data.rows);
        QCOMPARE(lastTotal, f.data.rows);
    }

    void rejectsInconsistentOptions()
    {
        const Fixture f = loadFixture(QStringLiteral("reg_d1"));
        ShapOptions options;
        options.interactions = true;
        options.background = &f.data;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runShap(f.model, f.data, options));
        FeatureMatrix empty;
        empty.features = f.model.featureCount;
        options.interactions = false;
        options.background = &empty;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runShap(f.model, f.data, options));
    }

    void commandWritesValuesCsv()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out.csv"));
        const QString model = QString::fromStdString(fixture(QStringLiteral("multi_d4.json")));
        const QString data = QString::fromStdString(fixture(QStringLiteral("multi_d4.data.csv")));
        QCOMPARE(runCommand({QStringLiteral("--model"), model, QStringLiteral("--data"), data, QStringLiteral("--out"), out,
                             QStringLiteral("--threads"), QStringLiteral("2")}),
                 0);
        const CsvTable written = readCsv(out.toStdString());
        QCOMPARE(written.columns.front(), std::string("class"));
        QCOMPARE(written.columns.back(), std::string("bias"));
        QCOMPARE(written.columns[1], std::string("x_0"));
        QCOMPARE(written.rows, std::size_t(40 * 3));
        QCOMPARE(written.column(0)[4], 1.0); // row 1, class 1: rows first
        const CsvTable expected = readCsv(fixture(QStringLiteral("multi_d4.contribs.csv")));
        for (std::size_t c = 0; c < expected.columns.size(); ++c)
            for (std::size_t r = 0; r < expected.rows; ++r)
                QVERIFY(std::fabs(written.column(c)[r] - expected.column(c)[r]) <= kFloat32Tolerance * std::max(1.0, std::fabs(expected.column(c)[r])));
    }

    void commandWritesInteractionsAndBackground()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out.csv"));
        const QString model = QString::fromStdString(fixture(QStringLiteral("reg_d1.json")));
        const QString data = QString::fromStdString(fixture(QStringLiteral("reg_d1.data.csv")));
        QCOMPARE(runCommand({QStringLiteral("--model"), model, QStringLiteral("--data"), data, QStringLiteral("--out"), out,
                             QStringLiteral("--interactions")}),
                 0);
        const QStringList lines = readAll(out).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QStringLiteral("row,feature,c0,c1,c2,c3,bias"));
        QCOMPARE(lines.size(), 1 + 40 * 5);
        QVERIFY(lines[5].startsWith(QStringLiteral("0,bias,0,0,0,0,")));

        QCOMPARE(runCommand({QStringLiteral("--model"), model, QStringLiteral("--data"), data, QStringLiteral("--out"), out,
                             QStringLiteral("--background"), data}),
                 0);
        const CsvTable values = readCsv(out.toStdString());
        QCOMPARE(values.rows, std::size_t(40));
        // The bias is the background's mean margin: the same on every row.
        QCOMPARE(values.column(4)[0], values.column(4)[39]);
    }

    void commandRejectsBadInput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        const QString model = QString::fromStdString(fixture(QStringLiteral("reg_d1.json")));
        const QString data = QString::fromStdString(fixture(QStringLiteral("reg_d1.data.csv")));
        const QString otherData = QString::fromStdString(fixture(QStringLiteral("reg_d3_missing.data.csv")));
        QTest::addRow("no arguments") << QStringList{} << 2;
        QTest::addRow("unknown option") << QStringList{QStringLiteral("--model"), model, QStringLiteral("--data"), data, QStringLiteral("--fast")} << 2;
        QTest::addRow("bad thread count") << QStringList{QStringLiteral("--model"), model, QStringLiteral("--data"), data, QStringLiteral("--threads"), QStringLiteral("zero")} << 2;
        QTest::addRow("interactions with background") << QStringList{QStringLiteral("--model"), model, QStringLiteral("--data"), data, QStringLiteral("--interactions"), QStringLiteral("--background"), data} << 2;
        QTest::addRow("missing model file") << QStringList{QStringLiteral("--model"), QStringLiteral("/nonexistent.json"), QStringLiteral("--data"), data} << 1;
        QTest::addRow("model given as data") << QStringList{QStringLiteral("--model"), data, QStringLiteral("--data"), data} << 1;
        QTest::addRow("wrong feature count") << QStringList{QStringLiteral("--model"), model, QStringLiteral("--data"), otherData} << 1;
    }

    // An unwritable --out is reported first, before the (possibly long) computation: with bad
    // data as well, the message names the output path, not the data.
    void commandChecksOutputFirst()
    {
        const QString model = QString::fromStdString(fixture(QStringLiteral("reg_d1.json")));
        const QString badData = QString::fromStdString(fixture(QStringLiteral("reg_d3_missing.data.csv")));
        QByteArray errors;
        QCOMPARE(runCommandCapturingErrors({QStringLiteral("--model"), model, QStringLiteral("--data"), badData,
                                            QStringLiteral("--out"), QStringLiteral("/nonexistent-dir/out.csv")},
                                           &errors),
                 1);
        QVERIFY2(errors.contains("/nonexistent-dir/out.csv") && errors.contains("cannot open for writing"), errors.constData());

        // A run that fails after claiming a new file leaves no file behind; an existing one keeps its content.
        QTemporaryDir dir;
        const QString fresh = dir.filePath(QStringLiteral("fresh.csv"));
        QCOMPARE(runCommand({QStringLiteral("--model"), model, QStringLiteral("--data"), badData, QStringLiteral("--out"), fresh}), 1);
        QVERIFY(!QFile::exists(fresh));
        const QString existing = dir.filePath(QStringLiteral("existing.csv"));
        {
            QFile file(existing);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("old results\n");
        }
        QCOMPARE(runCommand({QStringLiteral("--model"), model, QStringLiteral("--data"), badData, QStringLiteral("--out"), existing}), 1);
        QCOMPARE(readAll(existing), QStringLiteral("old results\n"));
    }

    void commandRejectsBadInput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QCOMPARE(runCommand(arguments), exitCode);
    }
};

QTEST_GUILESS_MAIN(tst_ShapRunner)
#include "tst_ShapRunner.moc"
