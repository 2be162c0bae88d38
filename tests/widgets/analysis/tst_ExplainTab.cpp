// ExplainTab driven as an analyst would: a model and a CSV made by XGBoost (tests/data/shap),
// run, and the plots must follow XGBoost's own SHAP values; cancel a long run; bad input
// shows its message.
#include "analysis/BeeswarmPlot.h"
#include "analysis/DependencePlot.h"
#include "analysis/ExplainTab.h"
#include "analysis/MeanShapBarChart.h"
#include "common/Theme.h"
#include "io/CsvTable.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

using namespace Qt::StringLiterals;
using e2i::ExplainTab;

namespace {

constexpr int kRunWaitMs = 60000;
constexpr int kStopBoundMs = 2000;
// The fixtures hold XGBoost's float32 SHAP values written with 9 significant digits.
constexpr double kShapTolerance = 1e-5;

QString fixture(const QString &name)
{
    return QStringLiteral(E2I_TEST_DATA_DIR "/shap/") + name;
}

struct Expected {
    std::vector<double> meanAbs;
    QStringList namesByImportance;
};

// Mean |SHAP| per feature from XGBoost's pred_contribs (single-output models).
Expected expectedFromContribs(const QString &path)
{
    const auto table = e2i::kernels::readCsv(path.toStdString());
    const std::size_t features = table.columns.size() - 1; // the last column is the bias
    Expected expected;
    for (std::size_t f = 0; f < features; ++f) {
        double sum = 0.0;
        for (const double value : table.column(f))
            sum += std::abs(value);
        expected.meanAbs.push_back(sum / double(table.rows));
    }
    std::vector<std::size_t> order(features);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return expected.meanAbs[a] > expected.meanAbs[b]; });
    for (const auto f : order)
        expected.namesByImportance << QString::fromStdString(table.columns[f]);
    return expected;
}

// The feature with the largest mean |interaction| with `feature`, from XGBoost's
// pred_interactions (columns: row, feature, then the matrix row).
int expectedStrongestInteraction(const QString &path, int feature)
{
    const auto table = e2i::kernels::readCsv(path.toStdString());
    const std::size_t features = table.columns.size() - 3;
    std::vector<double> strength(features, 0.0);
    for (std::size_t r = 0; r < table.rows; ++r) {
        if (int(table.column(1)[r]) != feature)
            continue;
        for (std::size_t j = 0; j < features; ++j)
            strength[j] += std::abs(table.column(2 + j)[r]);
    }
    strength[std::size_t(feature)] = -1.0;
    return int(std::max_element(strength.begin(), strength.end()) - strength.begin());
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(file.fileName()));
    return file.fileName();
}

// Many rows for binary_d6_named, so explaining them with interactions takes a while.
QString writeManyRows(const QTemporaryDir &dir, int rows)
{
    std::mt19937_64 random(20261123);
    std::normal_distribution<double> normal;
    QByteArray csv = "x_0,x_1,x_2,x_3,x_4,x_5,x_6,x_7\n";
    for (int r = 0; r < rows; ++r) {
        for (int f = 0; f < 8; ++f)
            csv += QByteArray::number(normal(random), 'g', 6) + (f == 7 ? "\n" : ",");
    }
    return writeFile(dir, u"many.csv"_s, csv);
}

} // namespace

class tst_ExplainTab : public QObject
{
    Q_OBJECT

private slots:
    void plotsFollowMeanAbsShap_data();
    void plotsFollowMeanAbsShap();
    void dependenceIsColouredByTheStrongestInteraction();
    void multiClassPlotsShowTheChosenClass_data();
    void multiClassPlotsShowTheChosenClass();
    void cancelStopsALongRunPromptly();
    void badInputShowsTheMessage_data();
    void badInputShowsTheMessage();
    void exportWritesCsvAndPngs();
    void preview();
};

void tst_ExplainTab::plotsFollowMeanAbsShap_data()
{
    QTest::addColumn<QString>("model");
    QTest::addRow("binary, named features, missing values") << u"binary_d6_named"_s;
    QTest::addRow("regression, unnamed, missing values") << u"reg_d3_missing"_s;
    QTest::addRow("regression, stumps") << u"reg_d1"_s;
}

void tst_ExplainTab::plotsFollowMeanAbsShap()
{
    QFETCH(QString, model);
    ExplainTab tab;
    tab.setModelPath(fixture(model + u".json"_s));
    tab.setCsvPath(fixture(model + u".data.csv"_s));
    QSignalSpy finished(&tab, &ExplainTab::runFinished);
    tab.run();
    QVERIFY(finished.wait(kRunWaitMs));

    const Expected expected = expectedFromContribs(fixture(model + u".contribs.csv"_s));
    const auto result = tab.result();
    QCOMPARE(result->meanAbs.size(), expected.meanAbs.size());
    for (std::size_t f = 0; f < expected.meanAbs.size(); ++f)
        QVERIFY2(std::abs(result->meanAbs[f] - expected.meanAbs[f]) < kShapTolerance, qPrintable(QString::number(f)));
    // XGBoost's contribs header has the model's names (or f0..); the tab shows the CSV's for
    // an unnamed model, so compare positions through the shown names.
    const QStringList bars = tab.meanShapBars()->barsTopDown();
    QStringList beeswarm;
    for (const int feature : tab.beeswarm()->shownFeatures())
        beeswarm << result->featureNames.value(feature);
    QCOMPARE(bars, beeswarm);
    QStringList expectedNames;
    const auto contribs = e2i::kernels::readCsv(fixture(model + u".contribs.csv"_s).toStdString());
    for (const QString &name : expected.namesByImportance.mid(0, bars.size()))
        expectedNames << result->featureNames.value(int(*contribs.columnIndex(name.toStdString())));
    QCOMPARE(bars, expectedNames);
}

void tst_ExplainTab::dependenceIsColouredByTheStrongestInteraction()
{
    ExplainTab tab;
    tab.setModelPath(fixture(u"binary_d6_named.json"_s));
    tab.setCsvPath(fixture(u"binary_d6_named.data.csv"_s));
    QSignalSpy finished(&tab, &ExplainTab::runFinished);
    tab.run();
    QVERIFY(finished.wait(kRunWaitMs));
    for (int feature = 0; feature < 8; ++feature) {
        tab.dependencePlot()->setFeature(feature);
        QCOMPARE(tab.dependencePlot()->colourFeature(),
                 expectedStrongestInteraction(fixture(u"binary_d6_named.interactions.csv"_s), feature));
    }
}

void tst_ExplainTab::multiClassPlotsShowTheChosenClass_data()
{
    QTest::addColumn<int>("group");
    for (int group = 0; group < 3; ++group)
        QTest::addRow("class %d", group) << group;
}

void tst_ExplainTab::multiClassPlotsShowTheChosenClass()
{
    QFETCH(int, group);
    ExplainTab tab;
    tab.setModelPath(fixture(u"multi_d4.json"_s));
    tab.setCsvPath(fixture(u"multi_d4.data.csv"_s));
    QSignalSpy finished(&tab, &ExplainTab::runFinished);
    tab.run();
    QVERIFY(finished.wait(kRunWaitMs));
    QVERIFY2(tab.statusText().contains(u"3 classes"_s), qPrintable(tab.statusText()));
    tab.showGroup(group);
    // XGBoost's contribs: a leading class column, then the features and the bias.
    const auto contribs = e2i::kernels::readCsv(fixture(u"multi_d4.contribs.csv"_s).toStdString());
    const std::size_t features = contribs.columns.size() - 2;
    std::vector<double> expected(features, 0.0);
    std::size_t rows = 0;
    for (std::size_t r = 0; r < contribs.rows; ++r) {
        if (contribs.column(0)[r] != double(group))
            continue;
        ++rows;
        for (std::size_t f = 0; f < features; ++f)
            expected[f] += std::abs(contribs.column(1 + f)[r]);
    }
    const auto result = tab.result();
    QCOMPARE(result->group, group);
    QCOMPARE(result->meanAbs.size(), features);
    for (std::size_t f = 0; f < features; ++f)
        QVERIFY2(std::abs(result->meanAbs[f] - expected[f] / double(rows)) < kShapTolerance, qPrintable(QString::number(f)));
    QVERIFY(result->classSuffix().contains(QString::number(group)));
}

void tst_ExplainTab::cancelStopsALongRunPromptly()
{
    QTemporaryDir dir;
    ExplainTab tab;
    tab.setModelPath(fixture(u"binary_d6_named.json"_s));
    tab.setCsvPath(writeManyRows(dir, 200000));
    QSignalSpy finished(&tab, &ExplainTab::runFinished);
    tab.run();
    auto *progress = tab.findChild<QProgressBar *>();
    QTRY_VERIFY_WITH_TIMEOUT(progress->maximum() > 0 && progress->value() > 0, kRunWaitMs);
    QVERIFY2(progress->value() < progress->maximum(), "the run finished before it could be cancelled: make it longer");
    QSignalSpy stopped(&tab, &ExplainTab::workerStopped);
    QElapsedTimer sinceCancel;
    sinceCancel.start();
    tab.cancel();
    QVERIFY(!tab.isBusy());
    QCOMPARE(tab.statusText(), u"Cancelled."_s);
    QVERIFY(stopped.wait(kStopBoundMs));
    qInfo("worker stopped %lld ms after cancel", sinceCancel.elapsed());
    QVERIFY(!tab.isWorkerRunning());
    QCOMPARE(finished.count(), 0);
    QVERIFY(!tab.result());
}

void tst_ExplainTab::badInputShowsTheMessage_data()
{
    QTest::addColumn<QString>("modelFile");
    QTest::addColumn<QByteArray>("modelText");
    QTest::addColumn<QByteArray>("csvText");
    QTest::addColumn<QStringList>("mentions");
    const QByteArray goodCsv = "x_0,x_1,x_2,x_3,x_4,x_5,x_6,x_7\n1,2,3,4,5,6,7,8\n";
    QTest::addRow("model is not JSON") << u"broken.json"_s << QByteArray("{ not json") << goodCsv
                                       << QStringList{u"broken.json"_s};
    QTest::addRow("model has no trees") << u"empty.json"_s << QByteArray("{\"learner\": {}}") << goodCsv
                                        << QStringList{u"empty.json"_s, u"learner"_s};
    QTest::addRow("CSV lacks a model feature") << QString() << QByteArray()
                                               << QByteArray("x_0,x_1,x_2,x_3,x_4,x_5,x_6\n1,2,3,4,5,6,7\n")
                                               << QStringList{u"rows.csv"_s, u"x_7"_s};
    QTest::addRow("CSV has text in a number") << QString() << QByteArray()
                                              << QByteArray("x_0,x_1,x_2,x_3,x_4,x_5,x_6,x_7\n1,2,abc,4,5,6,7,8\n")
                                              << QStringList{u"rows.csv"_s, u"x_2"_s, u"2"_s};
}

void tst_ExplainTab::badInputShowsTheMessage()
{
    QFETCH(QString, modelFile);
    QFETCH(QByteArray, modelText);
    QFETCH(QByteArray, csvText);
    QFETCH(QStringList, mentions);
    QTemporaryDir dir;
    ExplainTab tab;
    tab.setModelPath(modelFile.isEmpty() ? fixture(u"binary_d6_named.json"_s) : writeFile(dir, modelFile, modelText));
    tab.setCsvPath(writeFile(dir, u"rows.csv"_s, csvText));
    QSignalSpy failed(&tab, &ExplainTab::failed);
    tab.run();
    QVERIFY(failed.wait(kRunWaitMs));
    const QString message = failed.front().front().toString();
    QCOMPARE(tab.statusText(), message);
    for (const QString &mention : mentions)
        QVERIFY2(message.contains(mention), qPrintable(message + u" should mention "_s + mention));
    QVERIFY(!tab.isBusy());
}

void tst_ExplainTab::exportWritesCsvAndPngs()
{
    QTemporaryDir dir;
    ExplainTab tab;
    tab.resize(1300, 1000);
    tab.setModelPath(fixture(u"reg_d3_missing.json"_s));
    tab.setCsvPath(fixture(u"reg_d3_missing.data.csv"_s));
    QSignalSpy finished(&tab, &ExplainTab::runFinished);
    tab.run();
    QVERIFY(finished.wait(kRunWaitMs));
    QCOMPARE(tab.exportTo(dir.path()), QString());
    const auto exported = e2i::kernels::readCsv(dir.filePath(u"shap-values.csv"_s).toStdString());
    const auto expected = e2i::kernels::readCsv(fixture(u"reg_d3_missing.contribs.csv"_s).toStdString());
    QCOMPARE(exported.rows, expected.rows);
    QCOMPARE(exported.values.size(), expected.values.size());
    for (std::size_t i = 0; i < expected.values.size(); ++i)
        QVERIFY(std::abs(exported.values[i] - expected.values[i]) < kShapTolerance);
    for (const QString &png : {u"beeswarm.png"_s, u"mean-shap.png"_s, u"dependence.png"_s, u"waterfall.png"_s})
        QVERIFY2(!QImage(dir.filePath(png)).isNull(), qPrintable(png));
}

// Renders the finished tab in both themes; with E2I_PREVIEW set, also writes
// /tmp/explain-preview.png and /tmp/explain-preview-dark.png for a person to look at.
void tst_ExplainTab::preview()
{
    for (const auto kind : {e2i::Theme::Kind::Light, e2i::Theme::Kind::Dark}) {
        e2i::Theme::apply(*qApp, kind);
        ExplainTab tab;
        tab.resize(1400, 950);
        tab.setModelPath(fixture(u"binary_d6_named.json"_s));
        tab.setCsvPath(fixture(u"binary_d6_named.data.csv"_s));
        QSignalSpy finished(&tab, &ExplainTab::runFinished);
        tab.run();
        QVERIFY(finished.wait(kRunWaitMs));
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        const QImage image = tab.grab().toImage();
        QCOMPARE(image.size(), tab.size());
        const QString suffix = kind == e2i::Theme::Kind::Dark ? u"-dark"_s : QString();
        if (!qEnvironmentVariableIsEmpty("E2I_PREVIEW"))
            QVERIFY(image.save(u"/tmp/explain-preview"_s + suffix + u".png"_s));
    }
}

QTEST_MAIN(tst_ExplainTab)
#include "tst_ExplainTab.moc"
