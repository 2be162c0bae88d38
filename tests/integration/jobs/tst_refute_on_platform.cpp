// "Run on platform" in the Refute tab against the sandbox: real redis-server and real Celery
// 5.2 heavy workers running e2i_tasks over this build's module. Everything the tab shows after
// a platform run (the estimate, each refuter's row and histogram, the sensitivity figures and
// contour) is what a local run of the same input shows, the report equal bit for bit; a
// production environment sends nothing unless confirmed; Cancel takes a job that waits for a
// heavy worker off its queue, so it never runs.
#include "HeavyJobsSandbox.h"
#include "analysis/RefuteTab.h"
#include "analysis/RefuterHistogramView.h"
#include "analysis/SensitivityContourPlot.h"
#include "causal/RefutationJson.h"
#include "jobs/JobPlatform.h"

#include <QApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <memory>
#include <random>

using namespace e2i;
using namespace Qt::StringLiterals;
using kernels::causal::EstimatorKind;
using kernels::causal::RefuterKind;

Q_DECLARE_METATYPE(EstimatorKind)
Q_DECLARE_METATYPE(std::vector<RefuterKind>)

namespace {

constexpr int kLoadWaitMs = 10'000;
constexpr int kLocalRunMs = 60'000;
constexpr int kPlatformRunMs = 120'000; // a cold worker on a machine shared with builds
constexpr int kSimulations = 30;        // the normal test; few, the numbers are what is compared

// Confounded rows with a text column (the categorical common cause both runs one-hot encode)
// and values printed with all their digits, so the workers parse what the console parses.
QString writeRegionCsv(const QString &path, int rows)
{
    std::mt19937_64 random(20261207);
    std::normal_distribution<double> normal;
    const char *regions[] = {"north", "south", "east", "west"};
    QByteArray csv = "treated,outcome,age_z,income_z,region\n";
    for (int r = 0; r < rows; ++r) {
        const double age = normal(random), income = normal(random);
        const int region = int(random() % 4);
        const int treated = 0.7 * age - 0.4 * income + 0.3 * region + normal(random) > 0.4 ? 1 : 0;
        const double outcome = 1.5 * treated + age + 0.5 * income - 0.25 * region + normal(random);
        csv += QByteArray::number(treated) + ',' + QByteArray::number(outcome, 'g', 17) + ','
            + QByteArray::number(age, 'g', 17) + ',' + QByteArray::number(income, 'g', 17) + ',' + regions[region] + '\n';
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

bool loadCsv(RefuteTab &tab, const QString &path)
{
    QSignalSpy loaded(&tab, &RefuteTab::csvLoaded);
    tab.openCsv(path);
    return loaded.wait(kLoadWaitMs);
}

void choose(RefuteTab &tab, EstimatorKind estimator, const std::vector<RefuterKind> &refuters)
{
    tab.setTreatment(u"treated"_s);
    tab.setOutcome(u"outcome"_s);
    tab.setCommonCauses({u"age_z"_s, u"income_z"_s, u"region"_s});
    tab.setEstimator(estimator);
    tab.setRefuters(refuters);
    tab.setSimulations(kSimulations);
}

QStringList tableCells(const QTableWidget &table)
{
    QStringList cells;
    for (int row = 0; row < table.rowCount(); ++row)
        for (int column = 0; column < table.columnCount(); ++column)
            cells << table.item(row, column)->text();
    return cells;
}

bool sameBits(const std::vector<double> &a, const std::vector<double> &b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

bool sameBits(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

} // namespace

class tst_refute_on_platform : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void platformRunShowsWhatTheLocalRunShows_data();
    void platformRunShowsWhatTheLocalRunShows();
    void productionSendsNothingUnlessConfirmed();
    void cancelTakesTheWaitingJobOffTheQueue(); // last: it leaves the heavy tier at 0

private:
    int causalQueueLength();

    std::unique_ptr<test::SandboxPlatform> m_sandbox;
    std::optional<JobPlatform> m_platform;
    QTemporaryDir m_jobs; // the storage the console and the heavy workers share
    QString m_csv;
};

void tst_refute_on_platform::initTestCase()
{
    QString error;
    auto started = test::HeavyJobsSandbox::start(1, &error);
    QVERIFY2(started, qPrintable(error));
    m_sandbox = std::move(started->sandbox);
    m_platform = started->platform;
    m_csv = writeRegionCsv(m_jobs.filePath(u"regions.csv"_s), 400);
}

void tst_refute_on_platform::cleanupTestCase()
{
    m_sandbox.reset();
}

// redis-cli answers "(integer) N" or "N", as it sees a terminal or not; every priority sub-queue.
int tst_refute_on_platform::causalQueueLength()
{
    int length = 0;
    for (const QByteArray &queue : {QByteArray("causal"), QByteArray("causal\x06\x16" "3"), QByteArray("causal\x06\x16" "6"),
                                    QByteArray("causal\x06\x16" "9")})
        length += m_sandbox->redisCli({u"LLEN"_s, QString::fromLatin1(queue)}).trimmed().split(' ').last().toInt();
    return length;
}

void tst_refute_on_platform::platformRunShowsWhatTheLocalRunShows_data()
{
    QTest::addColumn<EstimatorKind>("estimator");
    QTest::addColumn<std::vector<RefuterKind>>("refuters");
    QTest::addRow("linear, every refuter") << EstimatorKind::Linear << kernels::causal::allRefuterKinds();
    QTest::addRow("ipw, three refuters")
        << EstimatorKind::Ipw
        << std::vector<RefuterKind>{RefuterKind::Placebo, RefuterKind::Bootstrap, RefuterKind::UnobservedCommonCause};
}

void tst_refute_on_platform::platformRunShowsWhatTheLocalRunShows()
{
    QFETCH(EstimatorKind, estimator);
    QFETCH(std::vector<RefuterKind>, refuters);
    RefuteTab local;
    QVERIFY(loadCsv(local, m_csv));
    choose(local, estimator, refuters);
    QSignalSpy localFinished(&local, &RefuteTab::runFinished);
    local.run();
    QVERIFY2(localFinished.wait(kLocalRunMs), qPrintable(local.statusText()));

    RefuteTab platform;
    platform.setPlatform(m_platform);
    QVERIFY(loadCsv(platform, m_csv));
    choose(platform, estimator, refuters);
    QSignalSpy finished(&platform, &RefuteTab::runFinished);
    QSignalSpy failed(&platform, &RefuteTab::failed);
    QSignalSpy sent(&platform, &RefuteTab::jobSent);
    platform.runOnPlatform();
    QCOMPARE(sent.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() + failed.count() > 0, kPlatformRunMs);
    QVERIFY2(failed.isEmpty(), qPrintable(platform.statusText()));

    // The report, every number of it: the writer prints each double with all the digits it
    // needs to be read back exactly (tst_RefutationJson), so equal text is equal bits.
    QCOMPARE(QByteArray::fromStdString(kernels::causal::refutationReportToJson(*platform.report())),
             QByteArray::fromStdString(kernels::causal::refutationReportToJson(*local.report())));
    QCOMPARE(platform.report()->refutations.size(), refuters.size());
    for (std::size_t i = 0; i < refuters.size(); ++i)
        QVERIFY(sameBits(platform.report()->refutations[i].simulatedEffects, local.report()->refutations[i].simulatedEffects));
    QCOMPARE(platform.report()->estimate.warnings, local.report()->estimate.warnings);
    // What the tab draws from it.
    QCOMPARE(platform.estimateText(), local.estimateText());
    QCOMPARE(tableCells(*platform.refutationTable()), tableCells(*local.refutationTable()));
    const auto mine = platform.histograms(), theirs = local.histograms();
    QCOMPARE(mine.size(), refuters.size());
    QCOMPARE(theirs.size(), refuters.size());
    for (std::size_t i = 0; i < mine.size(); ++i) {
        QCOMPARE(mine[i]->bins().counts, theirs[i]->bins().counts);
        QVERIFY(sameBits(mine[i]->bins().lower, theirs[i]->bins().lower));
        QVERIFY(sameBits(mine[i]->bins().width, theirs[i]->bins().width));
        QCOMPARE(mine[i]->chart()->title(), theirs[i]->chart()->title());
    }
    QCOMPARE(platform.sensitivityText(), local.sensitivityText());
    QCOMPARE(platform.report()->sensitivity.has_value(), estimator == EstimatorKind::Linear);
    QVERIFY(sameBits(platform.contourPlot()->grid().strengths, local.contourPlot()->grid().strengths));
    QVERIFY(sameBits(platform.contourPlot()->grid().values, local.contourPlot()->grid().values));
    QVERIFY(platform.statusText().startsWith(u"Done: "_s));
    QCOMPARE(platform.statusText(), local.statusText());
}

void tst_refute_on_platform::productionSendsNothingUnlessConfirmed()
{
    JobPlatform production = *m_platform;
    production.production = true;
    RefuteTab tab;
    tab.setPlatform(production);
    QString askedAbout;
    tab.setConfirm([&askedAbout](const QString &, const QString &question) {
        askedAbout = question;
        return false;
    });
    QVERIFY(loadCsv(tab, m_csv));
    choose(tab, EstimatorKind::Linear, {RefuterKind::Placebo});
    QSignalSpy sent(&tab, &RefuteTab::jobSent);
    tab.runOnPlatform();
    QVERIFY(askedAbout.contains(m_platform->environment));
    QVERIFY(askedAbout.contains(u"regions.csv"_s));
    QVERIFY2(askedAbout.contains(u"to the heavy tier (queue “causal”)"_s), qPrintable(askedAbout));
    QCOMPARE(sent.count(), 0);
    QVERIFY(!tab.isBusy());
    QCOMPARE(tab.statusText(), u"Not sent."_s);
    QCOMPARE(causalQueueLength(), 0);

    tab.setConfirm([](const QString &, const QString &) { return true; });
    QSignalSpy finished(&tab, &RefuteTab::runFinished);
    tab.runOnPlatform();
    QCOMPARE(sent.count(), 1);
    QVERIFY2(finished.wait(kPlatformRunMs), qPrintable(tab.statusText()));
    QCOMPARE(tab.report()->refutations.size(), std::size_t(1));
}

void tst_refute_on_platform::cancelTakesTheWaitingJobOffTheQueue()
{
    QString output;
    QVERIFY2(m_sandbox->ctl({u"scale"_s, u"heavy"_s, u"0"_s}, &output), qPrintable(output));
    RefuteTab tab;
    tab.setPlatform(m_platform);
    QVERIFY(loadCsv(tab, m_csv));
    choose(tab, EstimatorKind::Linear, {RefuterKind::Placebo});
    QSignalSpy sent(&tab, &RefuteTab::jobSent);
    QSignalSpy finished(&tab, &RefuteTab::runFinished);
    tab.runOnPlatform();
    QCOMPARE(sent.count(), 1);
    const QString id = sent.first().first().toString();
    QTRY_VERIFY_WITH_TIMEOUT(causalQueueLength() == 1, kLoadWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(tab.statusText().contains(u"QUEUED"_s), kLoadWaitMs);
    QSignalSpy stopped(&tab, &RefuteTab::workerStopped);
    tab.cancel();
    QCOMPARE(tab.statusText(), u"Cancelled."_s);
    QVERIFY(stopped.wait(kPlatformRunMs));
    QCOMPARE(causalQueueLength(), 0);
    QString error;
    const auto job = m_platform->client().read(id, &error);
    QVERIFY2(job, qPrintable(error));
    QCOMPARE(job->state, u"REVOKED"_s);
    QCOMPARE(finished.count(), 0);
    QVERIFY(!tab.report());
}

QTEST_MAIN(tst_refute_on_platform)
#include "tst_refute_on_platform.moc"
