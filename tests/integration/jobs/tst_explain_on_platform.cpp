// "Run on platform" in the Explain tab against the sandbox: real redis-server and real
// Celery 5.2 heavy workers running e2i_tasks over this build's module. The values the tab
// shows after a platform run are the values of a local run of the same input, bit for bit
// (chunked over several parts, binary and multi-class models); a production environment
// sends nothing unless confirmed; Cancel revokes the job's parts, so a waiting part never runs.
#include "HeavyJobsSandbox.h"
#include "analysis/ExplainTab.h"
#include "jobs/JobPlatform.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <memory>
#include <random>

using namespace e2i;
using namespace Qt::StringLiterals;

namespace {

constexpr int kLocalRunMs = 60'000;
constexpr int kPlatformRunMs = 120'000; // a cold worker on a machine shared with builds
constexpr int kCancelSettleMs = 4'000;  // longer than a part of the long job takes
constexpr int kHeartbeatWaitMs = 5'000; // Celery's heartbeats come every 2 s

QString fixture(const QString &name)
{
    return QStringLiteral(E2I_TEST_DATA_DIR "/shap/") + name;
}

bool sameBits(const std::vector<double> &a, const std::vector<double> &b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

// Many rows for binary_d6_named, so a job split into small parts has parts still waiting when cancelled.
QString writeManyRows(const QString &path, int rows)
{
    std::mt19937_64 random(20261207);
    std::normal_distribution<double> normal;
    QByteArray csv = "x_0,x_1,x_2,x_3,x_4,x_5,x_6,x_7\n";
    for (int r = 0; r < rows; ++r)
        for (int f = 0; f < 8; ++f)
            csv += QByteArray::number(normal(random), 'g', 6) + (f == 7 ? "\n" : ",");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

} // namespace

class tst_explain_on_platform : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void platformRunShowsTheLocalRunsValues_data();
    void platformRunShowsTheLocalRunsValues();
    void productionSendsNothingUnlessConfirmed();
    void cancelRevokesTheWaitingParts();

private:
    std::shared_ptr<const analysis::ExplainRun> runLocally(const QString &model, const QString &csv);
    QString copyIntoJobs(const QString &source);
    int queueLength(const QString &key);

    std::unique_ptr<test::SandboxPlatform> m_sandbox;
    std::optional<JobPlatform> m_platform;
    QTemporaryDir m_jobs; // the storage the console and the heavy workers share
};

void tst_explain_on_platform::initTestCase()
{
    QString error;
    auto started = test::HeavyJobsSandbox::start(2, &error);
    QVERIFY2(started, qPrintable(error));
    m_sandbox = std::move(started->sandbox);
    m_platform = started->platform;
}

void tst_explain_on_platform::cleanupTestCase()
{
    m_sandbox.reset();
}

QString tst_explain_on_platform::copyIntoJobs(const QString &source)
{
    const QString target = m_jobs.filePath(QFileInfo(source).fileName());
    QFile::remove(target);
    if (!QFile::copy(source, target))
        qFatal("cannot copy %s", qPrintable(source));
    return target;
}

// redis-cli answers "(integer) N" or "N", as it sees a terminal or not.
int tst_explain_on_platform::queueLength(const QString &key)
{
    return m_sandbox->redisCli({u"LLEN"_s, key}).trimmed().split(' ').last().toInt();
}

std::shared_ptr<const analysis::ExplainRun> tst_explain_on_platform::runLocally(const QString &model, const QString &csv)
{
    ExplainTab tab;
    tab.setModelPath(model);
    tab.setCsvPath(csv);
    QSignalSpy finished(&tab, &ExplainTab::runFinished);
    tab.run();
    if (!finished.wait(kLocalRunMs))
        return nullptr;
    return tab.result()->run;
}

void tst_explain_on_platform::platformRunShowsTheLocalRunsValues_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("chunkRows");
    QTest::addRow("binary, 40 rows in parts of 7") << u"binary_d6_named"_s << 7;
    QTest::addRow("multi-class, one task") << u"multi_d4"_s << 0;
}

void tst_explain_on_platform::platformRunShowsTheLocalRunsValues()
{
    QFETCH(QString, name);
    QFETCH(int, chunkRows);
    const QString model = copyIntoJobs(fixture(name + u".json"_s));
    const QString csv = copyIntoJobs(fixture(name + u".data.csv"_s));
    const auto local = runLocally(model, csv);
    QVERIFY(local);

    ExplainTab tab;
    tab.setPlatform(m_platform);
    tab.setChunkRows(chunkRows);
    tab.setModelPath(model);
    tab.setCsvPath(csv);
    QSignalSpy finished(&tab, &ExplainTab::runFinished);
    QSignalSpy failed(&tab, &ExplainTab::failed);
    QSignalSpy sent(&tab, &ExplainTab::jobSent);
    tab.runOnPlatform();
    QCOMPARE(sent.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() + failed.count() > 0, kPlatformRunMs);
    QVERIFY2(failed.isEmpty(), qPrintable(tab.statusText()));
    const auto platform = tab.result()->run;

    QCOMPARE(platform->values.rows, local->values.rows);
    QCOMPARE(platform->values.groups, local->values.groups);
    QCOMPARE(platform->values.features, local->values.features);
    for (int g = 0; g < local->values.groups; ++g) {
        QVERIFY2(sameBits(platform->values.values[std::size_t(g)], local->values.values[std::size_t(g)]), qPrintable(u"group %1"_s.arg(g)));
        const auto &mine = platform->summaries[std::size_t(g)];
        const auto &theirs = local->summaries[std::size_t(g)];
        QVERIFY(sameBits(mine.meanAbs, theirs.meanAbs));
        QCOMPARE(mine.order, theirs.order);
        QCOMPARE(mine.strongestInteraction, theirs.strongestInteraction);
    }
    QVERIFY(sameBits(platform->data.values, local->data.values));
    QCOMPARE(platform->featureNames, local->featureNames);
    // The job's values file was the console's to read, and is gone.
    QCOMPARE(QDir(m_jobs.path()).entryList({u".*.npy"_s}, QDir::Hidden | QDir::Files), QStringList());
}

void tst_explain_on_platform::productionSendsNothingUnlessConfirmed()
{
    JobPlatform production = *m_platform;
    production.production = true;
    ExplainTab tab;
    tab.setPlatform(production);
    QString askedAbout;
    tab.setConfirm([&askedAbout](const QString &, const QString &question) {
        askedAbout = question;
        return false;
    });
    tab.setModelPath(copyIntoJobs(fixture(u"reg_d3_missing.json"_s)));
    tab.setCsvPath(copyIntoJobs(fixture(u"reg_d3_missing.data.csv"_s)));
    QSignalSpy sent(&tab, &ExplainTab::jobSent);
    tab.runOnPlatform();
    QVERIFY(askedAbout.contains(m_platform->environment));
    QVERIFY2(askedAbout.contains(u"to the heavy tier (queue “shap”)"_s), qPrintable(askedAbout));
    QCOMPARE(sent.count(), 0);
    QVERIFY(!tab.isBusy());
    QCOMPARE(tab.statusText(), u"Not sent."_s);
    QCOMPARE(queueLength(u"shap"_s), 0);

    tab.setConfirm([](const QString &, const QString &) { return true; });
    QSignalSpy finished(&tab, &ExplainTab::runFinished);
    tab.runOnPlatform();
    QCOMPARE(sent.count(), 1);
    QVERIFY2(finished.wait(kPlatformRunMs), qPrintable(tab.statusText()));
}

void tst_explain_on_platform::cancelRevokesTheWaitingParts()
{
    ExplainTab tab;
    tab.setPlatform(m_platform);
    tab.setChunkRows(200);
    tab.setModelPath(copyIntoJobs(fixture(u"binary_d6_named.json"_s)));
    tab.setCsvPath(writeManyRows(m_jobs.filePath(u"many.csv"_s), 12000)); // 60 parts
    QSignalSpy sent(&tab, &ExplainTab::jobSent);
    QSignalSpy finished(&tab, &ExplainTab::runFinished);
    tab.runOnPlatform();
    QCOMPARE(sent.count(), 1);
    const QString id = sent.first().first().toString();
    JobClient client = m_platform->client();
    QString error;
    QStringList parts;
    QTRY_VERIFY_WITH_TIMEOUT((parts = client.partIds(id, &error).value_or(QStringList())).size() == 60, kPlatformRunMs);
    // The status line follows the job's events: its state, its parts, the heavy tier's workers.
    QTRY_VERIFY_WITH_TIMEOUT(tab.statusText().contains(u"STARTED"_s) && tab.statusText().contains(u"of 60 part(s) done"_s)
                                 && tab.statusText().contains(u"heavy tier: 2 live worker(s)"_s),
                             kHeartbeatWaitMs);
    QSignalSpy stopped(&tab, &ExplainTab::workerStopped);
    tab.cancel();
    QCOMPARE(tab.statusText(), u"Cancelled."_s);
    QVERIFY(stopped.wait(kPlatformRunMs));
    QTest::qWait(kCancelSettleMs); // what a worker still had in hand ends
    const auto ran = [&] {
        int succeeded = 0;
        for (const QString &part : parts)
            succeeded += client.read(part, &error).value_or(JobRecord{}).state == u"SUCCESS"_s ? 1 : 0;
        return succeeded;
    };
    const int ranAfterCancel = ran();
    qInfo("%d of %lld parts had run when the job was cancelled", ranAfterCancel, qlonglong(parts.size()));
    QVERIFY2(ranAfterCancel < parts.size(), "every part ran: the cancel revoked nothing");
    QTest::qWait(kCancelSettleMs);
    QCOMPARE(ran(), ranAfterCancel); // the parts that waited never run
    for (const QByteArray &queue : {QByteArray("shap"), QByteArray("shap\x06\x16" "3"), QByteArray("shap\x06\x16" "6"), QByteArray("shap\x06\x16" "9")})
        QCOMPARE(queueLength(QString::fromLatin1(queue)), 0);
    const auto job = client.read(id, &error);
    QVERIFY2(job && job->finished() && job->state != u"SUCCESS"_s, qPrintable(job ? job->state : error));
    QCOMPARE(finished.count(), 0);
}

QTEST_MAIN(tst_explain_on_platform)
#include "tst_explain_on_platform.moc"
