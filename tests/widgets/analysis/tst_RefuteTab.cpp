// RefuteTab driven as an analyst would: open a CSV, pick the variables, run, read the table,
// the histograms and the sensitivity plot; cancel a long run; bad input shows its message.
#include "analysis/RefuteTab.h"
#include "analysis/RefuterHistogramView.h"
#include "analysis/SensitivityContourPlot.h"
#include "causal/RefutationJson.h"
#include "causal/Sensitivity.h"
#include "common/Theme.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <random>

using namespace Qt::StringLiterals;
using e2i::RefuteTab;
using e2i::kernels::causal::EstimatorKind;
using e2i::kernels::causal::RefuterKind;

Q_DECLARE_METATYPE(EstimatorKind)
Q_DECLARE_METATYPE(std::vector<RefuterKind>)

namespace {

// Loose: the machine is shared with other builds; these bound waits, they time nothing.
constexpr int kLoadWaitMs = 10000;
constexpr int kRunWaitMs = 60000;
// The kernels poll the cancel flag every 10 ms; the worker must be gone well within this.
constexpr int kStopBoundMs = 2000;
// The adjusted estimate at zero confounding is the OLS estimate (statsmodels, 1e-8 relative
// in the kernel tests; the grid adds no arithmetic at the origin).
constexpr double kEstimateTolerance = 1e-9;
constexpr double kStatsmodelsEffect = 1.4625956831303948; // confounded_binary.statsmodels.json

QString fixture(const QString &name)
{
    return QStringLiteral(E2I_TEST_DATA_DIR "/causal/") + name;
}

// A confounded data set big enough that many bootstrap simulations take minutes.
QString writeLargeCsv(const QTemporaryDir &dir, int rows)
{
    std::mt19937_64 random(20261123);
    std::normal_distribution<double> normal;
    const QString path = dir.filePath(u"large.csv"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write("treated,outcome,x1,x2,x3\n");
    for (int i = 0; i < rows; ++i) {
        const double x1 = normal(random), x2 = normal(random), x3 = normal(random);
        const int treated = (0.8 * x1 - 0.5 * x2 + normal(random)) > 0 ? 1 : 0;
        const double outcome = 2.0 * treated + x1 + 0.5 * x2 - x3 + normal(random);
        file.write(QStringLiteral("%1,%2,%3,%4,%5\n").arg(treated).arg(outcome).arg(x1).arg(x2).arg(x3).toUtf8());
    }
    return path;
}

bool loadCsv(RefuteTab &tab, const QString &path)
{
    QSignalSpy loaded(&tab, &RefuteTab::csvLoaded);
    tab.openCsv(path);
    return loaded.wait(kLoadWaitMs);
}

} // namespace

class tst_RefuteTab : public QObject
{
    Q_OBJECT

private slots:
    void runShowsEveryRefuterWithPassFail_data();
    void runShowsEveryRefuterWithPassFail();
    void sensitivityContourStartsAtTheEstimate();
    void cancelStopsALongRunPromptly();
    void newerRunDropsTheOlderResult();
    void badInputShowsTheMessage_data();
    void badInputShowsTheMessage();
    void exportWritesJsonAndPngs();
    void runOnPlatformWithoutAnEnvironmentSaysSo();
    void shortcutsAreTabActions();
    void preview();
};

void tst_RefuteTab::runShowsEveryRefuterWithPassFail_data()
{
    QTest::addColumn<EstimatorKind>("estimator");
    QTest::addColumn<std::vector<RefuterKind>>("refuters");
    QTest::addColumn<int>("simulations");
    QTest::addRow("linear, every refuter, 100 (bootstrap test)")
        << EstimatorKind::Linear
        << std::vector<RefuterKind>{RefuterKind::Placebo, RefuterKind::RandomCommonCause, RefuterKind::Subset,
                                    RefuterKind::Bootstrap, RefuterKind::DummyOutcome, RefuterKind::UnobservedCommonCause}
        << 100;
    QTest::addRow("ipw, two refuters, 30 (normal test)")
        << EstimatorKind::Ipw << std::vector<RefuterKind>{RefuterKind::Placebo, RefuterKind::RandomCommonCause} << 30;
}

void tst_RefuteTab::runShowsEveryRefuterWithPassFail()
{
    QFETCH(EstimatorKind, estimator);
    QFETCH(std::vector<RefuterKind>, refuters);
    QFETCH(int, simulations);
    RefuteTab tab;
    QVERIFY(loadCsv(tab, fixture(u"confounded_binary.csv"_s)));
    tab.setTreatment(u"treated"_s);
    tab.setOutcome(u"outcome"_s);
    tab.setCommonCauses({u"age_z"_s, u"income_z"_s, u"urban"_s});
    tab.setEstimator(estimator);
    tab.setRefuters(refuters);
    tab.setSimulations(simulations);
    QSignalSpy finished(&tab, &RefuteTab::runFinished);
    tab.run();
    QVERIFY(tab.isBusy());
    QVERIFY(finished.wait(kRunWaitMs));
    QVERIFY(!tab.isBusy());

    const QTableWidget &table = *tab.refutationTable();
    QCOMPARE(table.rowCount(), int(refuters.size()));
    for (int row = 0; row < table.rowCount(); ++row) {
        const QTableWidgetItem *result = table.item(row, 1);
        const bool passed = result->data(Qt::UserRole).toBool();
        QCOMPARE(result->text(), passed ? u"pass"_s : u"fail"_s);
        QVERIFY2(!result->icon().isNull(), "pass/fail must carry an icon, not colour alone");
    }
    // A treatment shuffled at random has no effect: the placebo refutation must pass.
    QCOMPARE(table.item(0, 0)->text(), u"placebo"_s);
    QCOMPARE(table.item(0, 1)->text(), u"pass"_s);

    const auto histograms = tab.histograms();
    QCOMPARE(histograms.size(), refuters.size());
    for (const auto *histogram : histograms)
        QCOMPARE(histogram->bins().total(), std::size_t(simulations));
}

void tst_RefuteTab::sensitivityContourStartsAtTheEstimate()
{
    RefuteTab tab;
    QVERIFY(loadCsv(tab, fixture(u"confounded_binary.csv"_s)));
    tab.setRefuters({RefuterKind::Placebo});
    tab.setSimulations(10);
    QSignalSpy finished(&tab, &RefuteTab::runFinished);
    tab.run();
    QVERIFY(finished.wait(kRunWaitMs));
    const auto &grid = tab.contourPlot()->grid();
    QVERIFY(grid.strengths.size() > 2);
    QCOMPARE(grid.strengths.front(), 0.0);
    QVERIFY(std::abs(grid.values.front() - kStatsmodelsEffect) < kEstimateTolerance * kStatsmodelsEffect);
    // Stronger confounding can only pull the estimate towards zero.
    QVERIFY(std::abs(grid.values.back()) < std::abs(grid.values.front()));
}

void tst_RefuteTab::cancelStopsALongRunPromptly()
{
    QTemporaryDir dir;
    RefuteTab tab;
    QVERIFY(loadCsv(tab, writeLargeCsv(dir, 20000)));
    tab.setRefuters({RefuterKind::Bootstrap});
    tab.setSimulations(100000);
    QSignalSpy finished(&tab, &RefuteTab::runFinished);
    tab.run();
    // The simulations are going once the first progress report arrived.
    QProgressBar *progress = tab.findChild<QProgressBar *>();
    QVERIFY(progress);
    QTRY_VERIFY_WITH_TIMEOUT(progress->value() > 0, kLoadWaitMs);
    QVERIFY(tab.isWorkerRunning());
    QSignalSpy stopped(&tab, &RefuteTab::workerStopped);
    QElapsedTimer sinceCancel;
    sinceCancel.start();
    tab.cancel();
    QVERIFY(!tab.isBusy());
    QCOMPARE(tab.statusText(), u"Cancelled."_s);
    QVERIFY(stopped.wait(kStopBoundMs));
    qInfo("worker stopped %lld ms after cancel", sinceCancel.elapsed());
    QVERIFY(!tab.isWorkerRunning());
    QCOMPARE(finished.count(), 0);
    QCOMPARE(tab.refutationTable()->rowCount(), 0);
}

void tst_RefuteTab::newerRunDropsTheOlderResult()
{
    RefuteTab tab;
    QVERIFY(loadCsv(tab, fixture(u"confounded_binary.csv"_s)));
    tab.setRefuters({RefuterKind::Placebo});
    tab.setSimulations(20000);
    tab.run();
    tab.setSimulations(12);
    QSignalSpy finished(&tab, &RefuteTab::runFinished);
    tab.run();
    QVERIFY(finished.wait(kRunWaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(!tab.isWorkerRunning(), kRunWaitMs);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(tab.histograms().front()->bins().total(), std::size_t(12));
}

void tst_RefuteTab::badInputShowsTheMessage_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("mentions");
    QTest::addRow("text in a number column") << u"non_numeric.csv"_s << QStringList{u"non_numeric.csv"_s, u"age_z"_s, u"3"_s};
    QTest::addRow("missing outcome") << u"missing_value.csv"_s << QStringList{u"missing_value.csv"_s, u"outcome"_s, u"3"_s};
    QTest::addRow("constant treatment") << u"constant_treatment.csv"_s << QStringList{u"constant_treatment.csv"_s, u"treated"_s};
    QTest::addRow("collinear covariates") << u"collinear.csv"_s << QStringList{u"age_twice"_s};
    QTest::addRow("too few rows") << u"too_few_rows.csv"_s << QStringList{u"too_few_rows.csv"_s};
    QTest::addRow("no such file") << u"no_such_file.csv"_s << QStringList{u"no_such_file.csv"_s};
}

void tst_RefuteTab::badInputShowsTheMessage()
{
    QFETCH(QString, file);
    QFETCH(QStringList, mentions);
    RefuteTab tab;
    QSignalSpy loaded(&tab, &RefuteTab::csvLoaded);
    QSignalSpy failed(&tab, &RefuteTab::failed);
    tab.openCsv(fixture(file));
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() + failed.count() > 0, kLoadWaitMs);
    if (failed.isEmpty()) {
        tab.setRefuters({RefuterKind::Placebo});
        tab.setSimulations(5);
        tab.run();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kRunWaitMs);
    }
    const QString message = failed.front().front().toString();
    QCOMPARE(tab.statusText(), message);
    for (const QString &mention : mentions)
        QVERIFY2(message.contains(mention), qPrintable(message + u" should mention "_s + mention));
    QVERIFY(!tab.isBusy());
}

void tst_RefuteTab::exportWritesJsonAndPngs()
{
    QTemporaryDir dir;
    RefuteTab tab;
    tab.resize(1200, 900);
    QVERIFY(loadCsv(tab, fixture(u"confounded_binary.csv"_s)));
    tab.setRefuters({RefuterKind::Placebo, RefuterKind::Subset});
    tab.setSimulations(20);
    QSignalSpy finished(&tab, &RefuteTab::runFinished);
    tab.run();
    QVERIFY(finished.wait(kRunWaitMs));
    QCOMPARE(tab.exportTo(dir.path()), QString());

    QFile json(dir.filePath(u"refutation.json"_s));
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonArray refutations = QJsonDocument::fromJson(json.readAll()).object().value(u"refutations"_s).toArray();
    QCOMPARE(refutations.size(), 2);
    QCOMPARE(refutations.at(1).toObject().value(u"simulated_effects"_s).toArray().size(), 20);
    for (const QString &png : {u"histogram-placebo.png"_s, u"histogram-subset.png"_s, u"sensitivity-contour.png"_s})
        QVERIFY2(!QImage(dir.filePath(png)).isNull(), qPrintable(png));
    // The export is the report: read back, it is the one the tab shows.
    json.seek(0);
    const std::string text = json.readAll().toStdString();
    QCOMPARE(e2i::kernels::causal::refutationReportToJson(e2i::kernels::causal::refutationReportFromJson(text, "refutation.json")),
             text);
}

void tst_RefuteTab::runOnPlatformWithoutAnEnvironmentSaysSo()
{
    RefuteTab tab;
    QVERIFY(loadCsv(tab, fixture(u"confounded_binary.csv"_s)));
    QSignalSpy sent(&tab, &RefuteTab::jobSent);
    tab.runOnPlatform();
    QCOMPARE(sent.count(), 0);
    QVERIFY(!tab.isBusy());
    QVERIFY2(tab.statusText().startsWith(u"No platform to run on"_s), qPrintable(tab.statusText()));
}

void tst_RefuteTab::shortcutsAreTabActions()
{
    RefuteTab tab;
    QStringList shortcuts;
    for (const QAction *action : tab.actions()) {
        QCOMPARE(action->shortcutContext(), Qt::WidgetWithChildrenShortcut);
        shortcuts << action->shortcut().toString();
    }
    for (const QString &key : {u"Ctrl+O"_s, u"Ctrl+R"_s, u"Esc"_s, u"Ctrl+E"_s})
        QVERIFY2(shortcuts.contains(key), qPrintable(key));
}

// Renders the finished tab in both themes; with E2I_PREVIEW set, also writes
// /tmp/refute-preview.png and /tmp/refute-preview-dark.png for a person to look at.
void tst_RefuteTab::preview()
{
    for (const auto kind : {e2i::Theme::Kind::Light, e2i::Theme::Kind::Dark}) {
        e2i::Theme::apply(*qApp, kind);
        RefuteTab tab;
        tab.resize(1500, 1500);
        QVERIFY(loadCsv(tab, fixture(u"confounded_binary.csv"_s)));
        QSignalSpy finished(&tab, &RefuteTab::runFinished);
        tab.run();
        QVERIFY(finished.wait(kRunWaitMs));
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        const QImage image = tab.grab().toImage();
        QCOMPARE(image.size(), tab.size());
        const QString suffix = kind == e2i::Theme::Kind::Dark ? u"-dark"_s : QString();
        if (!qEnvironmentVariableIsEmpty("E2I_PREVIEW"))
            QVERIFY(image.save(u"/tmp/refute-preview"_s + suffix + u".png"_s));
    }
}

QTEST_MAIN(tst_RefuteTab)
#include "tst_RefuteTab.moc"
